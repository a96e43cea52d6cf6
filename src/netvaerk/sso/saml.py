"""The pysaml2 service-provider configuration, built from settings (SAML_CONFIG_LOADER).

Responses must be signed (the response and the assertion, unless switched off for an IdP that
cannot) and are checked with xmlsec1: signature, audience, destination, validity period and
that they answer a request we sent (no unsolicited responses).
"""

from __future__ import annotations

import shutil
import threading
import time
from typing import Any

import saml2
from django.conf import settings
from django.http import Http404, HttpRequest
from django.urls import reverse
from saml2.config import SPConfig
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from . import conf

# Remote IdP metadata is fetched at most this often (seconds), not on every sign-in.
METADATA_CACHE_SECONDS = 3600
_cache: dict[tuple[Any, ...], tuple[float, SPConfig]] = {}
_lock = threading.Lock()


def _absolute(name: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name)


def config_dict() -> dict[str, Any]:
    key_file, cert_file = settings.SAML_SP_KEY_FILE, settings.SAML_SP_CERT_FILE
    metadata: dict[str, Any] = {}
    if settings.SAML_IDP_METADATA_FILE:
        metadata["local"] = [settings.SAML_IDP_METADATA_FILE]
    if settings.SAML_IDP_METADATA_URL:
        remote: dict[str, str] = {"url": settings.SAML_IDP_METADATA_URL}
        if settings.SAML_IDP_METADATA_CERT:
            remote["cert"] = settings.SAML_IDP_METADATA_CERT  # the metadata's own signature
        metadata["remote"] = [remote]
    sp: dict[str, Any] = {
        "name": settings.SITE_NAME,
        "endpoints": {
            "assertion_consumer_service": [(_absolute("saml2_acs"), saml2.BINDING_HTTP_POST)],
            "single_logout_service": [
                (_absolute("saml2_ls"), saml2.BINDING_HTTP_REDIRECT),
                (_absolute("saml2_ls_post"), saml2.BINDING_HTTP_POST),
            ],
        },
        "authn_requests_signed": True,
        "logout_requests_signed": True,
        "want_response_signed": settings.SAML_WANT_RESPONSE_SIGNED,
        "want_assertions_signed": settings.SAML_WANT_ASSERTIONS_SIGNED,
        "want_assertions_or_response_signed": True,
        "allow_unsolicited": False,
        "signing_algorithm": SIG_RSA_SHA256,
        "digest_algorithm": DIGEST_SHA256,
    }
    if settings.SAML_NAME_ID_FORMAT:
        sp["name_id_policy_format"] = settings.SAML_NAME_ID_FORMAT
    return {
        "entityid": settings.SAML_SP_ENTITY_ID,
        "xmlsec_binary": shutil.which("xmlsec1") or "/usr/bin/xmlsec1",
        # Attributes keep the names the IdP sends (SAML_ATTR_* lists them).
        "allow_unknown_attributes": True,
        "service": {"sp": sp},
        "metadata": metadata,
        "key_file": key_file,
        "cert_file": cert_file,
        # KOMBIT's context handler encrypts assertions to the SP's certificate.
        "encryption_keypairs": [{"key_file": key_file, "cert_file": cert_file}],
        "accepted_time_diff": settings.SAML_ACCEPTED_TIME_DIFF,
    }


def build_config() -> SPConfig:
    config = SPConfig()
    config.load(config_dict())
    config.attribute_converters = []  # raw attribute names, see SAML_ATTR_*
    return config


def config_loader(request: HttpRequest | None = None) -> SPConfig:
    """djangosaml2's SAML_CONFIG_LOADER: 404 when SAML is not configured."""
    if not conf.saml_enabled():
        raise Http404("SAML is not configured.")
    if not settings.SAML_IDP_METADATA_URL:
        return build_config()  # a local file is cheap to read, and may change
    key = tuple(sorted((k, repr(v)) for k, v in config_dict().items()))
    now = time.monotonic()
    with _lock:
        cached = _cache.get(key)
        if cached and cached[0] > now:
            return cached[1]
    config = build_config()
    with _lock:
        _cache.clear()
        _cache[key] = (now + METADATA_CACHE_SECONDS, config)
    return config
