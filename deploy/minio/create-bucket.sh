#!/bin/sh
# One-shot job (service `minio-setup` in docker-compose.yml), safe to run again:
# the media bucket, readable by anyone (heritage files, stable URLs, no signed URLs), and an
# account for the site that may write to that bucket and nothing else.
set -eu

: "${MINIO_ROOT_USER:?is empty: set it in .env}"
: "${MINIO_ROOT_PASSWORD:?is empty: set it in .env}"
: "${AWS_STORAGE_BUCKET_NAME:?is empty: set it in .env}"
: "${AWS_ACCESS_KEY_ID:?is empty: set it in .env}"
: "${AWS_SECRET_ACCESS_KEY:?is empty: set it in .env}"
# MinIO falls back to a well-known password when given none: never run like that.
if [ "$MINIO_ROOT_PASSWORD" = "minioadmin" ] || [ "${#MINIO_ROOT_PASSWORD}" -lt 12 ]; then
  echo "MINIO_ROOT_PASSWORD is too weak: use at least 12 random characters." >&2
  exit 1
fi

bucket="$AWS_STORAGE_BUCKET_NAME"
mc alias set store http://minio:9000 "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null
mc mb --ignore-existing "store/$bucket"
# Anonymous GetObject only: no listing, no writing.
mc anonymous set download "store/$bucket"

policy="gohelliades-media-write"
cat > /tmp/policy.json <<JSON
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"],
      "Resource": ["arn:aws:s3:::$bucket"]
    },
    {
      "Effect": "Allow",
      "Action": [
        "s3:GetObject", "s3:PutObject", "s3:DeleteObject",
        "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"
      ],
      "Resource": ["arn:aws:s3:::$bucket/*"]
    }
  ]
}
JSON
mc admin policy create store "$policy" /tmp/policy.json
mc admin user add store "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY"
if ! out=$(mc admin policy attach store "$policy" --user "$AWS_ACCESS_KEY_ID" 2>&1); then
  # Already attached on a previous run: nothing to do.
  echo "$out" | grep -qi "already" || { echo "$out" >&2; exit 1; }
fi
echo "bucket $bucket ready: public read, written by $AWS_ACCESS_KEY_ID"
