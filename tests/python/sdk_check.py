"""Calls the emulator with the clouds' official Python SDKs, as their users would.

Usage: sdk_check.py HOST:PORT ACCESS_KEY_ID SECRET [FIXTURES_DIR]
Prints one JSON line per call: {"sdk", "action", "key": "right"|"wrong", "ok", "code", "detail"}.
Run by tests/js/python-sdk.test.mjs, which starts the emulator and judges the lines.
"""
import json
import sys

endpoint, ak, sk = sys.argv[1], sys.argv[2], sys.argv[3]
fixtures = sys.argv[4] if len(sys.argv) > 4 else "tests/fixtures/certs"
CERT = open(fixtures + "/example.crt").read()
KEY = open(fixtures + "/example.key").read()


def report(sdk, action, key, ok, code="", detail=""):
    print(json.dumps({"sdk": sdk, "action": action, "key": key, "ok": ok, "code": code, "detail": str(detail)[:4000]}), flush=True)


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
        "CreateCert": lambda: svc.create_cert({"Rsa": {"Pubkey": CERT, "Prikey": KEY}, "UseWay": "https", "CertName": "py-" + key}),
        "BindCert": lambda: svc.bind_cert({"ChainID": "chain-cert-ok", "Domain": "play22.example.com", "HTTPS": True}),
        "DeleteCert": lambda: svc.delete_cert({"ChainID": "chain-cert-disabled"}),
        "DescribeCertDetailSecretV2": lambda: svc.describe_cert_detail_secret_v2({"ChainID": "chain-cert-ok"}),
        "ListDomainDetail": lambda: svc.list_domain_detail({"PageNum": 1, "PageSize": 10}),
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
    calls = {
        "ModifyLiveDomainCertBindings": (models.ModifyLiveDomainCertBindingsRequest, {
            "DomainInfos": [{"DomainName": "play22.example.com", "Status": 1}], "CloudCertId": "cert-example"}),
        "DescribeLiveDomainCertBindings": (models.DescribeLiveDomainCertBindingsRequest, {"Offset": 0, "Length": 10}),
        "DescribeLiveDomainCert": (models.DescribeLiveDomainCertRequest, {"DomainName": "play.other.com"}),
        "DescribeLiveDomains": (models.DescribeLiveDomainsRequest, {"PageNum": 1, "PageSize": 10}),
    }
    for action, (model, body) in calls.items():
        req = model()
        req.from_json_string(json.dumps(body))
        try:
            res = getattr(client, action)(req)
            report("tencent", action, key, True, "", res.to_json_string())
        except TencentCloudSDKException as e:
            report("tencent", action, key, False, e.get_code(), e.get_message())


def aliyun(key, secret):
    from alibabacloud_esa20240910.client import Client
    from alibabacloud_esa20240910 import models
    from alibabacloud_tea_openapi import models as open_api_models

    config = open_api_models.Config(access_key_id=ak, access_key_secret=secret, endpoint=endpoint, protocol="http")
    client = Client(config)
    domain = "py-%s.example.com" % key
    calls = {
        "ApplyCertificate": lambda: client.apply_certificate(models.ApplyCertificateRequest(site_id=1234567890123, domains=domain, type="lets_encrypt")),
        "ListSites": lambda: client.list_sites(models.ListSitesRequest(page_size=2, tag_filter=[models.ListSitesRequestTagFilter(key="env", value="prod")])),
        "ListCertificates": lambda: client.list_certificates(models.ListCertificatesRequest(site_id=1234567890123, page_size=10, valid_only=True)),
        "GetCertificate": lambda: client.get_certificate(models.GetCertificateRequest(site_id=1234567890123, id="900002")),
        "SetCertificate": lambda: client.set_certificate(models.SetCertificateRequest(site_id=1234567890123, type="upload", name="py-" + key, certificate=CERT, private_key=KEY)),
        "DeleteCertificate": lambda: client.delete_certificate(models.DeleteCertificateRequest(site_id=2233445566, id="900005")),
    }
    for action, call in calls.items():
        try:
            res = call()
            report("aliyun", action, key, True, "", res.body.to_map())
        except Exception as e:  # Tea raises exceptions that carry the cloud's code
            report("aliyun", action, key, False, getattr(e, "code", "?"), getattr(e, "message", e))


for key, secret in (("right", sk), ("wrong", sk + "-wrong")):
    for run in (volcengine, tencent, aliyun):
        try:
            run(key, secret)
        except Exception as e:  # an SDK that fails before it sends is a failure of the check
            report(run.__name__, "*", key, False, "SdkCrashed", repr(e))
