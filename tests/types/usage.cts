import liveops = require('liveops');
const out: liveops.SignedRequest = liveops.signRequest({
  scheme: 'acs3', method: 'POST', host: 'esa.cn-hangzhou.aliyuncs.com', accessKeyId: 'AK', secretAccessKey: 'SK',
});
export = out.signature;
