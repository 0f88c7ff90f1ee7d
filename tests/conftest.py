import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database holds the national list of divisions, as a real install does after `make setup`."""
    from disclosures.services.regions import region_load_csv  # here, so parser tests run without Django

    with django_db_blocker.unblock():
        region_load_csv()


@pytest.fixture(autouse=True)
def chinese_by_default():
    """Each test starts in Chinese: a request to an /en/ page leaves English active in the thread (Django does not
    deactivate it), and reverse() would then write /en/ addresses in the next test."""
    from django.conf import settings
    from django.utils import translation

    if not settings.configured:
        yield
        return
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
