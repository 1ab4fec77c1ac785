// Each cloud's real success and error envelopes, for scripted answers (Node and browser).
export const envelopes = {
  volc: (code, message = code, extra = {}) => ({ ResponseMetadata: { RequestId: `req-${code}`, Action: 'X', Version: '2023-01-01', Service: 'live', Region: 'cn-north-1', Error: { Code: code, Message: message, ...extra } } }),
  volcOk: (result) => ({ ResponseMetadata: { RequestId: 'req-ok', Action: 'X', Version: '2023-01-01', Service: 'live', Region: 'cn-north-1' }, ...(result ? { Result: result } : {}) }),
  tencent: (code, message = code) => ({ Response: { Error: { Code: code, Message: message }, RequestId: `req-${code}` } }),
  aliyun: (code, message = code) => ({ RequestId: `req-${code}`, HostId: 'esa.cn-hangzhou.aliyuncs.com', Code: code, Message: message, Recommend: '' }),
};
