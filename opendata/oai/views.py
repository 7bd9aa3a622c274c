"""The OAI-PMH 2.0 endpoint, ``/oai/``: GET or POST, always ``text/xml`` with status 200
(errors are part of the protocol's answer, not of HTTP's)."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from opendata.oai import xml
from opendata.oai.arguments import oai_request_parse
from opendata.oai.errors import BAD_ARGUMENT, BAD_VERB, OAIError
from opendata.oai.verbs import VERB_HANDLERS


@csrf_exempt  # harvesters POST without a session: nothing here writes
@require_http_methods(["GET", "POST"])
def oai_endpoint(request):
    params = request.POST if request.method == "POST" else request.GET
    base_url = request.build_absolute_uri(reverse("oai"))
    arguments = None
    try:
        oai_request = oai_request_parse(params=params)
        arguments = {"verb": oai_request.verb, **oai_request.arguments}
        answer = VERB_HANDLERS[oai_request.verb](request=oai_request, base_url=base_url)
    except OAIError as error:
        refused = error.code in (BAD_VERB, BAD_ARGUMENT)
        root = xml.envelope(base_url=base_url, arguments=None if refused else arguments)
        xml.sub(root, "error", error.message, code=error.code)
    else:
        root = xml.envelope(base_url=base_url, arguments=arguments)
        root.append(answer)
    return HttpResponse(xml.serialize(root), content_type="text/xml; charset=utf-8")
