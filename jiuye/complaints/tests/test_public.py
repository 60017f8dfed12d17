"""The public form's safety: a receipt code of 12 unambiguous characters, CSRF kept, a limit
per client address, a honeypot and a minimum fill time; the region from the division codes."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from jiuye.complaints.choices import About
from jiuye.complaints.models import Complaint
from jiuye.complaints.services import RECEIPT_ALPHABET, RECEIPT_LENGTH, complaint_answer
from jiuye.complaints.tests.helpers import NAME, fill_in
from jiuye.conftest import COUNTY, TOWNSHIP, VILLAGE_A

pytestmark = pytest.mark.django_db


def made():
    return Complaint.objects.filter(name=NAME).count()


def test_the_receipt_code_is_twelve_characters_of_an_unambiguous_alphabet(client):
    fill_in(client)
    receipt = Complaint.objects.get(name=NAME).receipt
    assert len(receipt) == RECEIPT_LENGTH and set(receipt) <= set(RECEIPT_ALPHABET)
    assert not set("01OIL") & set(RECEIPT_ALPHABET)


def test_a_form_without_its_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    response = fill_in(client)
    assert response.status_code == 403
    assert made() == 0


def test_a_form_sent_back_too_fast_or_with_the_honeypot_filled_is_refused(client):
    assert fill_in(client, seconds=1).status_code == 400
    assert fill_in(client, website="http://spam.example").status_code == 400
    assert fill_in(client, started="forged").status_code == 400
    assert made() == 0
    assert fill_in(client).status_code == 302
    assert made() == 1


def test_a_client_address_is_limited_to_the_settings_number_of_submissions(client, settings):
    settings.COMPLAINTS_SUBMIT_LIMIT = (2, 3600)
    assert fill_in(client).status_code == 302
    assert fill_in(client).status_code == 302
    refused = fill_in(client)
    assert refused.status_code == 429
    assert "提交过于频繁" in refused.content.decode()
    assert made() == 2
    other = Client(REMOTE_ADDR="10.1.2.3")
    assert fill_in(other).status_code == 302


def test_the_region_must_be_a_street_or_community_and_the_error_is_at_the_field(client):
    response = fill_in(client, code=COUNTY)
    assert response.status_code == 200
    assert "请选择到街道（乡镇）或社区（村）" in response.content.decode()
    assert fill_in(client, code="3701020010").status_code == 200  # not a code
    assert made() == 0


def test_a_complaint_about_a_street_office_or_its_worker_goes_to_the_county(client):
    """Nobody handles a complaint about their own office or worker; a matter it handled (a
    case) the street answers itself."""
    fill_in(client, code=TOWNSHIP)  # about a worker of the street's centre
    complaint = Complaint.objects.get(name=NAME)
    assert complaint.org.region_id == TOWNSHIP and complaint.handler.region_id == COUNTY
    fill_in(client, code=TOWNSHIP, about=About.CASE, name="办事群众")
    case = Complaint.objects.get(name="办事群众")
    assert case.handler.region_id == TOWNSHIP


def test_the_region_picker_lists_the_children_of_a_region_of_the_province(client):
    url = reverse("complaints:public-regions")
    children = client.get(url, {"parent": TOWNSHIP}).json()["results"]
    assert VILLAGE_A in {child["code"] for child in children}
    assert client.get(url, {"parent": "110000000000"}).json()["results"] == []  # not ours
    assert client.get(url, {"parent": "x"}).json()["results"] == []
    page = client.get(reverse("complaints:public-submit")).content.decode()
    assert re.search(r'data-source="/complaints/public/regions/"', page)
    assert 'data-root="370000000000"' in page


def test_the_progress_page_refuses_an_unknown_code_and_lets_the_complainant_rate(client, reviewer):
    url = reverse("complaints:public-progress")
    assert "没有找到该回执码" in client.post(url, {"receipt": "ABCDEFGHJKMN"}).content.decode()
    fill_in(client)
    complaint = Complaint.objects.get(name=NAME)
    page = client.post(url, {"receipt": complaint.receipt.lower()}).content.decode()
    assert "已受理" in page and "评价答复" not in page
    complaint_answer(actor=reviewer, complaint=complaint, answer="已核实并答复")
    page = client.post(url, {"receipt": complaint.receipt}).content.decode()
    assert "办结" in page and "评价答复" in page
    client.post(url, {"receipt": complaint.receipt, "satisfaction": "satisfied"})
    complaint.refresh_from_db()
    assert complaint.state == "closed" and complaint.satisfaction == "satisfied"
    assert complaint.satisfaction_by is None
    assert complaint.events.order_by("pk").last().transition == "rate"


def test_look_ups_are_limited_too(client, settings):
    settings.COMPLAINTS_LOOKUP_LIMIT = (3, 3600)
    url = reverse("complaints:public-progress")
    for _ in range(3):
        assert client.post(url, {"receipt": "ABCDEFGHJKMN"}).status_code == 200
    assert client.post(url, {"receipt": "ABCDEFGHJKMN"}).status_code == 429


def test_behind_a_proxy_the_limit_counts_the_address_it_forwarded(client, settings):
    settings.COMPLAINTS_SUBMIT_LIMIT = (1, 3600)
    settings.COMPLAINTS_PROXIES = 1
    first = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.5")
    assert fill_in(first).status_code == 302
    forged = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.5")
    assert fill_in(forged).status_code == 429  # the left part is the client's to write
    other = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert fill_in(other).status_code == 302
