from django.urls import path

app_name = "online"
urlpatterns: list = []
