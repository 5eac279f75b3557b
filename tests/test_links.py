from macros.render.links import ROOT_MARK, fact_url, page_url, resolve, root_prefix, rooted


def test_links_resolve_relative_to_the_page_they_land_on():
    text = f'<a href="{rooted("en/xingu/#xingu-tax-revenue")}">'
    assert resolve(text, "") == '<a href="en/xingu/#xingu-tax-revenue">'
    assert resolve(text, "en/") == '<a href="../en/xingu/#xingu-tax-revenue">'
    assert resolve(text, "en/print/xingu/") == '<a href="../../../en/xingu/#xingu-tax-revenue">'
    assert ROOT_MARK not in resolve(text + text, "xingu/")


def test_root_prefix_climbs_one_level_per_folder():
    assert [root_prefix(u) for u in ("", "en/", "en/xingu/")] == ["", "../", "../../"]


def test_page_urls_per_language():
    assert page_url("zh", "xingu") == "xingu/"
    assert page_url("en", "xingu") == "en/xingu/"
    assert fact_url("en", "xingu", "xingu-tax-revenue") == "en/xingu/#xingu-tax-revenue"
