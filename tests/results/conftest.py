import pytest
from django.contrib.auth.models import Permission, User

from tests.factories import PASSWORD
from tests.results.recorded import load_show
from tests.results.show import Show


@pytest.fixture
def show(db) -> Show:
    """The full show (``run_full_show``) from its recorded log: the hall where it ended."""
    return load_show("full_show")


def _user(name: str, *codenames: str) -> User:
    user = User.objects.create_user(name, password=PASSWORD)
    for codename in codenames:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


@pytest.fixture
def thuky(db):
    return _user("thuky", "compile_results")


@pytest.fixture
def bantochuc(db):
    return _user("bantochuc", "approve_results")
