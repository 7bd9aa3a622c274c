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
    *(
        path(
            f"<id:interview_pk>/transcription.{file_format}",
            views.download,
            {"file_format": file_format},
            name=f"download_{file_format}",
        )
        for file_format in views.TRANSCRIPT_FORMATS
    ),
    path("segments/<id:segment_pk>/correction/", views.propose_correction, name="correction"),
]
