import pytest

from disclosures.services.regions import region_load_csv


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database holds the national list of divisions, as a real install does after `make setup`."""
    with django_db_blocker.unblock():
        region_load_csv()
