from django.urls import path

from opendata.oai.views import oai_endpoint

urlpatterns = [path("", oai_endpoint, name="oai")]
