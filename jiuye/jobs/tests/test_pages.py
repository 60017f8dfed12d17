import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from jiuye.conftest import VILLAGE_A
from jiuye.jobs import services
from jiuye.jobs.models import Employer, Referral, Vacancy
from jiuye.jobs.seeding import credit_code
from jiuye.jobs.tests.helpers import employer, resident, seeker, user, vacancy
from jiuye.ledger.choices import LabourStatus
from jiuye.ledger.models import Person
from jiuye.subsidies.models import Claim
from jiuye.subsidies.services import claim_prepare
from jiuye.tests.lists import rows_shown

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_a_township_worker_registers_posts_refers_and_records_the_hire(reviewer, coordinator, approver, finance,
                                                                       login, client):  # fmt: skip
    """The story of the issue, page by page, as the township's worker (街道审核员)."""
    person = resident(coordinator, "求职小王", household=True)
    seeker(coordinator, person, "4-07-05-01", wage_expected=3500)
    browser = login(reviewer)

    # an invalid credit code is refused at its field, with everything typed kept
    form = {"credit_code": "91370102MA3C4XKE6X", "name": "解放路保安服务有限公司", "industry": "80",
            "region": "370102001000", "address": "解放路8号", "contact_name": "李经理", "contact_phone": "0531-86001234"}  # fmt: skip
    refused = browser.post(reverse("jobs:employer-add"), form)
    assert refused.status_code == 200
    assert "统一社会信用代码“91370102MA3C4XKE6X”无效" in refused.content.decode()
    assert 'value="解放路保安服务有限公司"' in refused.content.decode()
    answer = browser.post(
        reverse("jobs:employer-add"), {**form, "credit_code": "91370102MA3C4XKE6Q"}
    )
    company = Employer.objects.get(credit_code="91370102MA3C4XKE6Q")
    assert answer["Location"] == reverse("jobs:employer", args=[company.pk])

    # post a vacancy: published at once
    answer = browser.post(reverse("jobs:vacancy-add", args=[company.pk]), {
        "title": "小区保安", "occupation": "4-07-05-01 保安员", "posts": 2, "wage_min": 3200, "wage_max": 4000,
        "education": "", "availability": "full_time", "region": VILLAGE_A, "valid_until": "",
    })  # fmt: skip
    post = Vacancy.objects.get(employer=company)
    assert answer["Location"] == reverse("jobs:vacancy", args=[post.pk]) and post.is_published

    # the ranked seekers, each score explained
    page = browser.get(reverse("jobs:vacancy", args=[post.pk])).content.decode()
    assert (
        "求职小王" in page
        and "职业相同：4-07-05-01 保安员" in page
        and "零就业家庭成员，优先推荐" in page
    )
    score = re.search(
        r"<strong>(\d+)</strong></td>\s*<td><a href=\"/jobs/seekers/\d+/\">求职小王", page
    )
    assert score and int(score.group(1)) == 40 + 25 + 15 + 10 + 10

    # refer, print the letter
    the_seeker = person.seekers.get()
    answer = browser.post(
        reverse("jobs:refer"), {"seeker": the_seeker.pk, "vacancy": post.pk, "match_score": 100}
    )
    referral = Referral.objects.get(seeker=the_seeker)
    assert (
        answer["Location"] == reverse("jobs:referral", args=[referral.pk])
        and referral.match_score == 100
    )
    again = browser.post(
        reverse("jobs:refer"), {"seeker": the_seeker.pk, "vacancy": post.pk}, follow=True
    )
    assert "不能重复推荐" in " ".join(messages_of(again))
    letter = browser.get(reverse("jobs:referral-letter", args=[referral.pk]))
    assert letter["Content-Type"] == "application/pdf" and letter.content.startswith(b"%PDF")

    # the employer's answer: hired → employed in the ledger
    answer = browser.post(reverse("jobs:referral-hire", args=[referral.pk]), {
        "hired_on": TODAY().isoformat(), "contract_months": 12, "social_insurance": "on",
    }, follow=True)  # fmt: skip
    assert "已登记录用" in " ".join(messages_of(answer))
    person.refresh_from_db()
    assert (
        person.status == LabourStatus.EMPLOYED_UNIT and person.employer == "解放路保安服务有限公司"
    )
    ledger_page = browser.get(reverse("ledger:detail", args=[person.pk])).content.decode()
    assert "解放路保安服务有限公司" in ledger_page

    # the subsidy appears in the township office's claim of the month
    answer = browser.post(
        reverse("subsidies:prepare"), {"kind": "job_introduction", "month": f"{TODAY():%Y-%m}"}
    )
    claim = Claim.objects.get(
        org=reviewer.org, kind="job_introduction", month=TODAY().replace(day=1)
    )
    assert answer["Location"] == reverse("subsidies:claim", args=[claim.pk])
    page = browser.get(answer["Location"]).content.decode()
    assert "求职小王" in page and "200.00" in page and "职业介绍补贴最短劳动合同期限" in page
    browser.post(reverse("subsidies:claim-fire", args=[claim.pk]), {"transition": "submit"})
    login(approver).post(
        reverse("subsidies:claim-fire", args=[claim.pk]), {"transition": "hr_approve"}
    )
    login(finance).post(
        reverse("subsidies:claim-fire", args=[claim.pk]), {"transition": "finance_approve"}
    )
    assert Claim.objects.get(pk=claim.pk).state == "approved"


@pytest.fixture
def published(coordinator):
    post = vacancy(coordinator, employer(coordinator), title="公开保安岗位")
    hopeful = seeker(coordinator, resident(coordinator, "隐私求职者"))
    services.referral_create(actor=coordinator, seeker=hopeful, vacancy=post)
    return post


def test_the_public_board_lists_published_vacancies_without_login_or_personal_data(
    client, published, coordinator
):
    closed = vacancy(coordinator, published.employer, title="已撤回岗位")
    services.vacancy_withdraw(actor=coordinator, vacancy=closed)
    page = client.get(reverse("jobs:board")).content.decode()
    assert "公开保安岗位" in page and "已撤回岗位" not in page
    assert "隐私求职者" not in page and Person.objects.get(name="隐私求职者").id_number not in page
    found = client.get(
        reverse("jobs:board"), {"region": "370102000000", "occupation": "4-07"}
    ).content.decode()
    assert "公开保安岗位" in found
    elsewhere = client.get(
        reverse("jobs:board"), {"region": "370103000000", "occupation": "4-07"}
    ).content.decode()
    assert "公开保安岗位" not in elsewhere
    detail = client.get(reverse("jobs:board-detail", args=[published.pk]))
    assert detail.status_code == 200 and "0531-86000001" in detail.content.decode()
    assert client.get(reverse("jobs:board-detail", args=[closed.pk])).status_code == 404
    api = client.get(
        "/api/v1/public/vacancies/", {"occupation": "4-07", "region": "370100000000"}
    ).json()
    assert [row["title"] for row in api["results"]].count("公开保安岗位") == 1
    assert "隐私求职者" not in str(api)


def test_another_county_reads_the_published_vacancy_but_cannot_change_it(
    published, sibling_approver, login
):
    other = user("coordinator-370103002001")
    browser = login(other)
    page = browser.get(reverse("jobs:vacancy", args=[published.pk]))
    assert page.status_code == 200 and "公开保安岗位" in page.content.decode()
    assert "隐私求职者" not in page.content.decode()  # nor the owner's seekers and referrals
    assert browser.get(reverse("jobs:vacancy-edit", args=[published.pk])).status_code == 404
    assert (
        browser.post(reverse("jobs:vacancy-edit", args=[published.pk]), {"title": "改"}).status_code
        == 404
    )
    assert browser.post(reverse("jobs:vacancy-withdraw", args=[published.pk])).status_code == 404
    api = browser.put(f"/api/v1/vacancies/{published.pk}/", {"title": "改", "version": published.version},
                      content_type="application/json")  # fmt: skip
    assert api.status_code == 404
    assert browser.get(f"/api/v1/vacancies/{published.pk}/").status_code == 200
    assert Vacancy.objects.get(pk=published.pk).title == "公开保安岗位"
    assert browser.get(reverse("jobs:employer", args=[published.employer_id])).status_code == 404


def test_the_owner_edits_with_the_version_read(published, coordinator, login):
    browser = login(coordinator)
    form = {"title": "夜班保安", "occupation": "4-07-05-01", "posts": 3, "wage_min": 3000, "wage_max": 4200,
            "education": "", "availability": "full_time", "region": VILLAGE_A,
            "valid_until": published.valid_until.isoformat(), "version": published.version}  # fmt: skip
    assert browser.post(reverse("jobs:vacancy-edit", args=[published.pk]), form).status_code == 302
    stale = browser.post(
        reverse("jobs:vacancy-edit", args=[published.pk]), {**form, "title": "旧版本"}
    )
    assert stale.status_code == 200 and Vacancy.objects.get(pk=published.pk).title == "夜班保安"


# The lists of job introduction: the rows each shows, what narrows it to the rows the test
# adds (the published vacancies of every region fill its first page already), and the number
# of queries it takes, the same for a few rows or a page of them.
LISTS = [
    ("jobs:vacancies", "vacancies", "?q=列表", 10),
    ("jobs:board", "vacancies", "?q=列表", 12),
    ("vacancy-list", "vacancies", "?q=列表", 9),
    ("public-vacancy-list", "vacancies", "?q=列表", 7),
    ("jobs:employers", "employers", "", 10),
    ("employer-list", "employers", "", 9),
    ("jobs:seekers", "seekers", "", 11),
    ("seeker-list", "seekers", "", 11),
    ("jobs:referrals", "referrals", "", 10),
    ("referral-list", "referrals", "", 9),
    ("subsidies:claims", "claims", "", 10),
    ("claim-list", "claims", "", 11),
]


def add(rows, actor, numbers):
    """Rows of village A for the lists, numbered, their names starting with 列表."""
    for n in numbers:
        if rows in ("vacancies", "employers"):
            company = employer(actor, f"列表单位{n}", credit_code("370102", 900_000 + n))
            if rows == "vacancies":
                vacancy(actor, company, title=f"列表岗{n}")
        elif rows in ("seekers", "referrals"):
            found = seeker(actor, resident(actor, f"列表{n}"))
            if rows == "referrals":
                target = Vacancy.objects.filter(title="列表岗").first() or vacancy(
                    actor, employer(actor), title="列表岗"
                )
                services.referral_create(actor=actor, vacancy=target, seeker=found)
        else:  # a claim of job introduction of the n+1-th month before this one
            months = TODAY().year * 12 + TODAY().month - 1 - (n + 1)
            month = datetime.date(months // 12, months % 12 + 1, 1)
            claim_prepare(actor=actor, kind="job_introduction", month=month)


@pytest.mark.parametrize(("name", "rows", "query", "queries"), LISTS)
def test_lists_take_the_same_number_of_queries_for_a_few_rows_or_a_page(
    name, rows, query, queries, coordinator, reviewer, login, django_assert_num_queries
):
    url = reverse(name) + query
    add(rows, coordinator, range(2))
    browser = login(reviewer)
    browser.get(url)  # the first request of the session
    with django_assert_num_queries(queries):
        few = browser.get(url)
    add(rows, coordinator, range(2, 30))
    with django_assert_num_queries(queries):
        many = browser.get(url)
    assert few.status_code == many.status_code == 200
    assert rows_shown(few) < rows_shown(many)
