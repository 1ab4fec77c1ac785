"""Calls the emulator with the clouds' official Python SDKs, as their users would.

Usage: sdk_check.py HOST:PORT ACCESS_KEY_ID SECRET
Prints one JSON line per call: {"sdk", "action", "key": "right"|"wrong", "ok", "code", "detail"}.
Run by tests/js/python-sdk.test.mjs, which starts the emulator and judges the lines.
"""
import json
import sys

endpoint, ak, sk = sys.argv[1], sys.argv[2], sys.argv[3]


def report(sdk, action, key, ok, code="", detail=""):
    print(json.dumps({"sdk": sdk, "action": action, "key": key, "ok": ok, "code": code, "detail": str(detail)[:300]}), flush=True)


def volcengine(key, secret):
    from volcengine.live.v20230101.live_service import LiveService

    svc = LiveService()
    svc.set_ak(ak)
    svc.set_sk(secret)
    svc.set_host(endpoint)
    svc.set_scheme("http")
    calls = {
        "UpdateAuthKey": lambda: svc.update_auth_key({
            "Domain": "push.example.com", "SceneType": "push", "ValidDuration": 3600,
            "AuthDetailList": [{"SecretKey": "abc123", "EncryptionAlgorithm": "md5"}],
        }),
        "ListCertV2": lambda: svc.list_cert_v2({}),
        "UnbindCert": lambda: svc.unbind_cert({"Domain": "play21.example.com"}),
    }
    for action, call in calls.items():
        try:
            res = call()
            res = json.loads(res) if isinstance(res, str) else res
            err = (res.get("ResponseMetadata") or {}).get("Error")
            if err:
                report("volcengine", action, key, False, err.get("Code", ""), err.get("Message", ""))
            else:
                report("volcengine", action, key, True)
        except Exception as e:  # the SDK raises a bare Exception with the answer's text
            text = e.args[0].decode() if e.args and isinstance(e.args[0], bytes) else str(e)
            try:
                code = json.loads(text)["ResponseMetadata"]["Error"]["Code"]
            except Exception:
                code = "?"
            report("volcengine", action, key, False, code, text)


def tencent(key, secret):
    from tencentcloud.common import credential
    from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
    from tencentcloud.common.profile.client_profile import ClientProfile
    from tencentcloud.common.profile.http_profile import HttpProfile
    from tencentcloud.live.v20180801 import live_client, models

    profile = ClientProfile(httpProfile=HttpProfile(protocol="http", endpoint=endpoint))
    client = live_client.LiveClient(credential.Credential(ak, secret), "", profile)
    req = models.ModifyLiveDomainCertBindingsRequest()
    req.from_json_string(json.dumps({
        "DomainInfos": [{"DomainName": "play22.example.com", "Status": 1}],
        "CloudCertId": "cert-example",
    }))
    try:
        res = client.ModifyLiveDomainCertBindings(req)
        report("tencent", "ModifyLiveDomainCertBindings", key, True, "", res.to_json_string())
    except TencentCloudSDKException as e:
        report("tencent", "ModifyLiveDomainCertBindings", key, False, e.get_code(), e.get_message())


def aliyun(key, secret):
    from alibabacloud_esa20240910.client import Client
    from alibabacloud_esa20240910 import models
    from alibabacloud_tea_openapi import models as open_api_models

    config = open_api_models.Config(access_key_id=ak, access_key_secret=secret, endpoint=endpoint, protocol="http")
    client = Client(config)
    domain = "py-%s.example.com" % key
    try:
        res = client.apply_certificate(models.ApplyCertificateRequest(site_id=1234567890123, domains=domain, type="lets_encrypt"))
        report("aliyun", "ApplyCertificate", key, True, "", res.body.to_map())
    except Exception as e:  # Tea raises exceptions that carry the cloud's code
        report("aliyun", "ApplyCertificate", key, False, getattr(e, "code", "?"), getattr(e, "message", e))


for key, secret in (("right", sk), ("wrong", sk + "-wrong")):
    for run in (volcengine, tencent, aliyun):
        try:
            run(key, secret)
        except Exception as e:  # an SDK that fails before it sends is a failure of the check
            report(run.__name__, "*", key, False, "SdkCrashed", repr(e))
