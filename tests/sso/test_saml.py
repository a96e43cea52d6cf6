"""SAML 2.0 end to end: pysaml2's identity-provider side in the test process, with keys and
certificates made at test time, and xmlsec1 checking the signatures.

The test starts at djangosaml2's login view, hands the AuthnRequest to the IdP, lets it build a
signed response, and POSTs that to the ACS as a browser would.
"""

from __future__ import annotations

import base64
import urllib.parse
from pathlib import Path

import pytest
import saml2
from django.test import Client
from saml2.attribute_converter import AttributeConverter
from saml2.authn_context import PASSWORD
from saml2.config import IdPConfig
from saml2.metadata import entity_descriptor
from saml2.saml import NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server

from netvaerk.core.models import AuditEntry
from netvaerk.organisation.models import Person

from .conftest import write_key_and_cert

pytestmark = pytest.mark.skipif(
    not __import__("shutil").which("xmlsec1"), reason="xmlsec1 (Debian package) is needed"
)

IDP_ENTITY = "https://idp.test.invalid/saml"
IDP_SSO = "https://idp.test.invalid/sso"
SP_ENTITY = "http://testserver/saml2/metadata/"
EMAIL = "https://data.gov.dk/model/core/eid/email"
UUID = "https://data.gov.dk/model/core/eid/professional/uuid/persistent"
ADFS_EMAIL = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"
OTHER_SP = "https://other.invalid/sp"


class IdP:
    def __init__(self, directory: Path, sp_metadata: str) -> None:
        sp_file = directory / "sp.xml"
        sp_file.write_text(sp_metadata, encoding="utf-8")
        # Another service provider the IdP also serves (same endpoints, another entity id).
        other_file = directory / "other-sp.xml"
        other_file.write_text(sp_metadata.replace(SP_ENTITY, OTHER_SP), encoding="utf-8")
        self.server = Server(config=idp_config(directory, [sp_file, other_file]))

    def respond(
        self,
        saml_request: str,
        attributes: dict[str, list[str]],
        *,
        sign: bool = True,
        audience: str | None = None,
    ) -> str:
        request = self.server.parse_authn_request(saml_request, saml2.BINDING_HTTP_REDIRECT)
        args = self.server.response_args(request.message)
        if audience:
            args["sp_entity_id"] = audience
        response = self.server.create_authn_response(
            identity=attributes,
            userid="test-user",
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text="test-user"),
            authn={"class_ref": PASSWORD, "authn_auth": IDP_ENTITY},
            sign_response=sign,
            sign_assertion=sign,
            **args,
        )
        return str(response)


def idp_config(directory: Path, sp_files: list[Path]) -> IdPConfig:
    key, cert = directory / "idp.key", directory / "idp.crt"
    config = IdPConfig()
    config.load(
        {
            "entityid": IDP_ENTITY,
            "xmlsec_binary": "/usr/bin/xmlsec1",
            "service": {
                "idp": {
                    "endpoints": {
                        "single_sign_on_service": [(IDP_SSO, saml2.BINDING_HTTP_REDIRECT)]
                    },
                    "policy": {
                        "default": {
                            "lifetime": {"minutes": 5},
                            "name_form": saml2.saml.NAME_FORMAT_URI,
                        }
                    },
                    "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                }
            },
            "key_file": str(key),
            "cert_file": str(cert),
            "metadata": {"local": [str(path) for path in sp_files]} if sp_files else {},
        }
    )
    # Send the attribute names as they are, in the URI name format (as KOMBIT and ADFS do).
    names = {name: name for name in (EMAIL, UUID, ADFS_EMAIL)}
    converter = AttributeConverter(saml2.saml.NAME_FORMAT_URI)
    converter.from_dict({"identifier": saml2.saml.NAME_FORMAT_URI, "fro": names, "to": names})
    config.attribute_converters = [converter]
    return config


@pytest.fixture
def idp(demo, settings, tmp_path: Path) -> IdP:
    write_key_and_cert(tmp_path, "idp")
    sp_key, sp_cert = write_key_and_cert(tmp_path, "sp")
    idp_metadata = tmp_path / "idp.xml"
    idp_metadata.write_text(str(entity_descriptor(idp_config(tmp_path, []))), encoding="utf-8")
    settings.SITE_URL = "http://testserver"
    settings.SAML_SP_ENTITY_ID = SP_ENTITY
    settings.SAML_IDP_METADATA_FILE = str(idp_metadata)
    settings.SAML_SP_KEY_FILE = str(sp_key)
    settings.SAML_SP_CERT_FILE = str(sp_cert)
    settings.SSO_SAML_LABEL = "Log ind med KOMBIT"
    settings.SSO_CREATE_PEOPLE = False
    metadata = Client().get("/saml2/metadata/")
    assert metadata.status_code == 200
    return IdP(tmp_path, metadata.content.decode())


def start(client: Client, next_url: str = "") -> tuple[str, str]:
    """The login view's redirect to the IdP: (SAMLRequest, RelayState)."""
    response = client.get("/saml2/login/" + (f"?next={next_url}" if next_url else ""))
    assert response.status_code == 302 and response["Location"].startswith(IDP_SSO)
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(response["Location"]).query))
    assert query.get("Signature") and query.get("SigAlg")  # the AuthnRequest is signed
    return query["SAMLRequest"], query.get("RelayState", "")


def post_response(client: Client, xml: str, relay_state: str = ""):
    encoded = base64.b64encode(xml.encode()).decode()
    return client.post("/saml2/acs/", {"SAMLResponse": encoded, "RelayState": relay_state})


def signed_in_as(client: Client) -> str | None:
    response = client.get("/konto/")
    return response.wsgi_request.user.get_username() if response.status_code == 200 else None


def employee(username: str) -> Person:
    return Person.objects.get(user__username=username)


def test_the_login_page_shows_the_saml_button(idp) -> None:
    page = Client().get("/log-ind/").content.decode()
    assert "Log ind med KOMBIT" in page and 'href="/saml2/login/"' in page


def test_a_signed_response_signs_in_the_person_matched_by_email(idp) -> None:
    client = Client()
    saml_request, relay_state = start(client, "/notifikationer/")
    xml = idp.respond(saml_request, {EMAIL: [employee("medarbejder").email.upper()]})
    response = post_response(client, xml, relay_state)
    assert response.status_code == 302 and response["Location"] == "/notifikationer/"
    assert signed_in_as(client) == "medarbejder"


def test_the_kombit_uuid_matches_before_the_email(idp) -> None:
    target = employee("leder")
    client = Client()
    saml_request, relay_state = start(client)
    xml = idp.respond(saml_request, {UUID: [target.external_id], EMAIL: [employee("chef").email]})
    assert post_response(client, xml, relay_state).status_code == 302
    assert signed_in_as(client) == "leder"


def test_adfs_claims_work_too_and_a_new_account_is_linked(idp) -> None:
    person = Person.objects.get(external_id="demo-p17")
    person.email = "sofie.kjaer@example.invalid"
    person.save()
    client = Client()
    saml_request, relay_state = start(client)
    xml = idp.respond(saml_request, {ADFS_EMAIL: ["Sofie.Kjaer@example.invalid"]})
    assert post_response(client, xml, relay_state).status_code == 302
    person.refresh_from_db()
    assert person.user is not None and signed_in_as(client) == person.user.username
    assert AuditEntry.objects.filter(action="sso.user.create", subject=person).exists()


def test_an_unknown_person_is_refused_or_created_per_setting(idp, settings) -> None:
    client = Client()
    saml_request, relay_state = start(client)
    xml = idp.respond(saml_request, {EMAIL: ["ny@example.invalid"]})
    assert post_response(client, xml, relay_state).status_code == 403
    assert signed_in_as(client) is None
    settings.SSO_CREATE_PEOPLE = True
    saml_request, relay_state = start(client)
    xml = idp.respond(saml_request, {EMAIL: ["ny@example.invalid"]})
    assert post_response(client, xml, relay_state).status_code == 302
    assert Person.objects.get(email="ny@example.invalid").user is not None
    assert signed_in_as(client) == "ny@example.invalid"


def test_an_unsigned_response_is_refused(idp) -> None:
    client = Client()
    saml_request, relay_state = start(client)
    xml = idp.respond(saml_request, {EMAIL: [employee("chef").email]}, sign=False)
    assert post_response(client, xml, relay_state).status_code == 400
    assert signed_in_as(client) is None


def test_a_tampered_response_is_refused(idp) -> None:
    chef, leder = employee("chef"), employee("leder")
    client = Client()
    saml_request, relay_state = start(client)
    xml = idp.respond(saml_request, {EMAIL: [leder.email]})
    assert leder.email in xml
    tampered = xml.replace(leder.email, chef.email)
    assert post_response(client, tampered, relay_state).status_code == 400
    assert signed_in_as(client) is None


def test_a_response_for_another_audience_is_refused(idp) -> None:
    client = Client()
    saml_request, relay_state = start(client)
    xml = idp.respond(saml_request, {EMAIL: [employee("chef").email]}, audience=OTHER_SP)
    assert post_response(client, xml, relay_state).status_code == 400
    assert signed_in_as(client) is None


def test_an_unsolicited_response_is_refused(idp) -> None:
    started = Client()
    saml_request, relay_state = start(started)
    xml = idp.respond(saml_request, {EMAIL: [employee("chef").email]})
    stranger = Client()  # never sent the AuthnRequest
    assert post_response(stranger, xml, relay_state).status_code == 400
    assert signed_in_as(stranger) is None


def test_an_inactive_person_is_refused(idp) -> None:
    person = employee("medarbejder")
    Person.objects.filter(pk=person.pk).update(is_active=False)
    client = Client()
    saml_request, relay_state = start(client)
    xml = idp.respond(saml_request, {EMAIL: [person.email]})
    assert post_response(client, xml, relay_state).status_code == 403
    assert signed_in_as(client) is None
