import pytest
from django.contrib.auth.models import Permission, User

from tests.factories import PASSWORD, make_hall
from tests.results.show import Show, run_full_show


@pytest.fixture
def show(db):
    scripted = Show(make_hall())
    run_full_show(scripted)
    return scripted


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
