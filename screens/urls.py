from django.urls import path

app_name = "screens"
urlpatterns: list = []
