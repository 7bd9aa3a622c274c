from django.urls import path  # noqa: F401 -- each part of the slice adds its addresses below

app_name = "projects"

urlpatterns: list = []
