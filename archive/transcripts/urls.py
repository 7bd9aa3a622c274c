from django.urls import path

from archive.transcripts import views

app_name = "transcripts"

urlpatterns = [
    path("<int:interview_pk>/sous-titres.vtt", views.captions, name="captions"),
    path(
        "<int:interview_pk>/bandes/<int:tape_pk>/sous-titres.vtt",
        views.captions,
        name="tape_captions",
    ),
    path(
        "<int:interview_pk>/transcription.vtt",
        views.download,
        {"file_format": "vtt"},
        name="download_vtt",
    ),
    path(
        "<int:interview_pk>/transcription.txt",
        views.download,
        {"file_format": "txt"},
        name="download_txt",
    ),
    path("segments/<int:segment_pk>/correction/", views.propose_correction, name="correction"),
]
