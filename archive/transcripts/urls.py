from django.urls import path

from archive.transcripts import views

app_name = "transcripts"

urlpatterns = [
    path("<id:interview_pk>/sous-titres.vtt", views.captions, name="captions"),
    path(
        "<id:interview_pk>/bandes/<id:tape_pk>/sous-titres.vtt",
        views.captions,
        name="tape_captions",
    ),
    path(
        "<id:interview_pk>/transcription.vtt",
        views.download,
        {"file_format": "vtt"},
        name="download_vtt",
    ),
    path(
        "<id:interview_pk>/transcription.txt",
        views.download,
        {"file_format": "txt"},
        name="download_txt",
    ),
    path("segments/<id:segment_pk>/correction/", views.propose_correction, name="correction"),
]
