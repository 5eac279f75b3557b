from macros.links import fact_url, page_url, relative_url


def test_relative_urls_between_directory_pages():
    assert relative_url("", "xingu/") == "xingu/"
    assert relative_url("en/", "en/xingu/") == "xingu/"
    assert relative_url("en/xingu/", "en/shuangliu/#shuangliu-outcomes") == "../shuangliu/#shuangliu-outcomes"
    assert relative_url("xingu/", "xingu/#x") == "./#x"
    assert relative_url("en/about/", "en/") == "../"


def test_page_urls_per_language():
    assert page_url("zh", "xingu") == "xingu/"
    assert page_url("en", "xingu") == "en/xingu/"
    assert fact_url("en", "xingu", "xingu-tax-revenue") == "en/xingu/#xingu-tax-revenue"
