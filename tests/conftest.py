import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database holds the national list of divisions, as a real install does after `make setup`."""
    from disclosures.services.regions import region_load_csv  # here, so parser tests run without Django

    with django_db_blocker.unblock():
        region_load_csv()
