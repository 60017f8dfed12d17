"""Search in Chinese on the database's full-text index: run on SQLite (FTS5) and on
PostgreSQL (tsvector) alike — the suite runs on either, by ``DATABASE_URL``."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from jiuye.policies import search
from jiuye.policies.models import Policy
from jiuye.policies.tests.helpers import make

pytestmark = pytest.mark.django_db

TEXT = "一、城乡公益性岗位补贴标准按每人每月2200元执行，社会保险补贴按单位实际缴费给予补贴。"


def found(words, among):
    return [policy for policy in Policy.objects.search(words) if policy in among]


def test_the_whole_word_and_a_word_inside_it_both_find_the_policy(province_admin):
    posts = make(province_admin, title="关于城乡公益性岗位管理的通知", text=TEXT)
    training = make(province_admin, title="关于职业培训的通知", text="职业培训补贴标准按工种确定。")
    mine = [posts, training]
    assert found("公益性岗位补贴", mine) == [posts]
    assert found("岗位补贴", mine) == [posts]
    assert found("补贴标准", mine) == [posts, training] or found("补贴标准", mine) == [
        training,
        posts,
    ]
    assert found("创业担保贷款", mine) == []


def test_it_indexes_in_search_mode(province_admin):
    tokens = search.tokens("公益性岗位补贴标准")
    assert {"公益性", "岗位", "补贴", "标准"} <= set(tokens)
    assert "岗位补贴" in search.document(make(province_admin, text="公益性岗位补贴标准"))


def test_a_match_in_the_title_ranks_first(province_admin):
    in_text = make(
        province_admin, title="关于就业工作的通知", text="另：一次性创业补贴按规定执行。"
    )
    in_title = make(
        province_admin, title="关于一次性创业补贴的通知", text="补贴对象为首次创业人员。"
    )
    ranked = found("一次性创业补贴", [in_text, in_title])
    assert ranked == [in_title, in_text]
    ranks = {
        p.pk: p.rank
        for p in Policy.objects.search("一次性创业补贴").filter(pk__in=[in_text.pk, in_title.pk])
    }
    assert ranks[in_title.pk] > ranks[in_text.pk]


def test_a_document_number_and_an_issuer_are_found(province_admin):
    policy = make(
        province_admin, number="鲁人社发〔2031〕77号", issuer="山东省人力资源和社会保障厅"
    )
    assert found("鲁人社发〔2031〕77号", [policy]) == [policy]
    assert found("人力资源和社会保障厅", [policy]) == [policy]


def test_an_edit_is_found_at_once_and_the_old_words_are_not(province_admin):
    policy = make(province_admin, text="失业保险金按月发放。")
    assert found("失业保险金", [policy]) == [policy]
    from jiuye.policies.services import policy_update

    policy_update(actor=province_admin, policy=policy, expected_version=policy.version,
                  text="稳岗返还按规定执行。")  # fmt: skip
    assert found("失业保险金", [policy]) == []
    assert found("稳岗返还", [policy]) == [policy]


def test_words_without_letters_find_nothing(province_admin):
    make(province_admin, text=TEXT)
    assert not Policy.objects.search("，。、 ").exists()
    assert not Policy.objects.search("").exists()


def test_quotes_and_operators_in_a_query_are_plain_words(province_admin):
    policy = make(province_admin, text="公益性岗位 AND OR NOT")
    assert found('公益性岗位" OR "', [policy]) == [policy]
    assert list(Policy.objects.search("') | ('")) == []


def test_the_list_page_searches_and_filters_by_the_day_in_force(province_admin, approver, login):
    old = make(province_admin, title="旧的公益性岗位通知", text=TEXT, status="repealed",
               effective_from=datetime.date(2019, 1, 1), effective_until=datetime.date(2022, 12, 31))  # fmt: skip
    new = make(province_admin, title="新的公益性岗位通知", text=TEXT)
    client = login(approver)
    page = client.get(reverse("policies:list"), {"q": "岗位补贴"}).content.decode()
    assert old.title in page and new.title in page
    page = client.get(reverse("policies:list"), {"q": "岗位补贴", "in_force_on": "2021-06-01"})
    assert old.title in page.content.decode() and new.title not in page.content.decode()
    api = client.get("/api/v1/policies/policies/", {"q": "公益性岗位补贴", "page_size": 100}).json()
    titles = [row["title"] for row in api["results"]]
    assert old.title in titles and new.title in titles
    assert all(row["rank"] is not None for row in api["results"])


def test_the_index_is_the_databases_own():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s", [search.TABLE])
            assert any("gin" in row[0] for row in cursor.fetchall())
        else:
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [search.TABLE])
            assert "fts5" in cursor.fetchone()[0].lower()
