"""The key-figure pages render for their users, in Danish, with suppressed cells as words."""

import pytest

pytestmark = pytest.mark.django_db

PAGES = ["/", "/organisation/", "/organisation/?q=skole", "/noegletal/", "/noegletal/turnover_rate/"]


@pytest.mark.parametrize("path", PAGES)
def test_hr_analyst_sees_each_page(client_as, path):
    response = client_as("hr").get(path)
    assert response.status_code == 200
    assert response["Content-Language"] == "da"


def test_unit_page_shows_every_figure_of_the_catalogue(client_as, tree):
    from sigtepunkt.analytics.catalogue import FIGURES
    from sigtepunkt.web.insights.figures import figure_name

    root = tree.roots[0]
    html = client_as("hr").get(f"/enhed/{root}/").content.decode()
    for figure in FIGURES:
        assert figure.name_da in html, figure_name(figure)


def test_suppressed_cells_read_fewer_than_the_threshold(client_as, tree):
    workplace = next(u for u in tree.units.values() if u.level == "workplace" and u.is_current)
    html = client_as("hr").get(f"/enhed/{workplace.unit_id}/").content.decode()
    assert "færre end 5" in html
