// Create Image's upload: sends the chosen file's bytes to Meridian, which streams them on to
// Glance. XMLHttpRequest (not fetch) because only it reports upload progress.

let current = null;

/** The chosen file's size in bytes, or -1 when no file is chosen. */
export function imageFileSize(input) {
  const file = input && input.files && input.files[0];
  return file ? file.size : -1;
}

/** The chosen file's name, or "" when none is chosen. */
export function imageFileName(input) {
  const file = input && input.files && input.files[0];
  return file ? file.name : '';
}

/**
 * PUTs the file chosen in `input` to `url`. `onProgress(sent, total)` follows the bytes;
 * `onDone(status, text)` ends it: the HTTP status and Meridian's message, 0 when the
 * connection broke, -1 when cancelled.
 */
export function imageUploadStart(input, url, onProgress, onDone) {
  const file = input && input.files && input.files[0];
  if (!file) {
    onDone(0, 'No image file is chosen.');
    return;
  }
  const xhr = new XMLHttpRequest();
  current = xhr;
  const finish = (status, text) => {
    if (current === xhr) current = null;
    onDone(status, text);
  };
  xhr.open('PUT', url);
  xhr.setRequestHeader('Content-Type', 'application/octet-stream');
  xhr.upload.addEventListener('progress', (e) => {
    onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
  });
  xhr.addEventListener('load', () => finish(xhr.status, xhr.responseText));
  xhr.addEventListener('error', () => finish(0, 'The connection to Meridian broke during the upload.'));
  xhr.addEventListener('abort', () => finish(-1, 'Upload cancelled.'));
  xhr.send(file);
}

/** Cancels the upload in progress, if any. */
export function imageUploadCancel() {
  if (current) current.abort();
}
