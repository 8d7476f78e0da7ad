"""Where an uploaded HR export waits for the importer: a private folder under the data home.

The files hold CPR numbers, so they never pass through the system's temporary folder (Django's
default upload handlers would put large ones there): `StagingUploadHandler` streams each file
straight into a folder only the server's user can read, and stops when the upload grows past
the limit. Whoever creates a folder removes it (`staging_remove`); `staging_sweep` removes
what a stopped server left behind. File contents are never logged.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import time
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.utils.text import get_valid_filename

logger = logging.getLogger(__name__)

STAGING_DIR = "uploads"
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
IMPORT_SUFFIXES = (".csv", ".txt", ".xlsx")
ZIP_SUFFIX = ".zip"
ZIP_MAX_MEMBERS = 50
ZIP_MAX_RATIO = 5  # a ZIP may unpack to five times the upload limit, no more (zip bombs)


class StagingError(Exception):
    """An upload that cannot be staged; `code` names the Danish message in `services.UploadMessage`."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def upload_max_bytes() -> int:
    """The largest upload accepted, in bytes (setting DATAHUB_UPLOAD_MAX_BYTES, default 200 MB)."""
    return int(getattr(settings, "DATAHUB_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def staging_root(home: Path) -> Path:
    return home / STAGING_DIR


def staging_folder_create(*, home: Path) -> Path:
    """A new, empty folder that only this user can open (mode 0700)."""
    root = staging_root(home)
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder = root / secrets.token_hex(12)
    folder.mkdir(mode=0o700)
    return folder


def staging_remove(folder: Path | None) -> None:
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def staging_sweep(*, home: Path, older_than: float = 3600.0) -> None:
    """Remove staged folders older than `older_than` seconds: left behind by a server that was stopped.

    Young folders may belong to an upload still arriving, so they are left to their request.
    """
    root = staging_root(home)
    if root.is_dir():
        limit = time.time() - older_than
        for folder in root.iterdir():
            if folder.stat().st_mtime < limit:
                shutil.rmtree(folder, ignore_errors=True)


def _unique_path(folder: Path, name: str) -> Path:
    clean = get_valid_filename(Path(name.replace("\\", "/")).name) if name.strip(". /\\") else "fil"
    path, number = folder / clean, 2
    while path.exists():
        path = folder / f"{Path(clean).stem}-{number}{Path(clean).suffix}"
        number += 1
    return path


class StagedFile(UploadedFile):
    """An uploaded file already in its staging folder; `path` is where it lies."""

    def __init__(self, path: Path, name: str, size: int, content_type: str | None) -> None:
        super().__init__(file=None, name=name, content_type=content_type, size=size)
        self.path = path

    def open(self, mode: str = "rb") -> StagedFile:
        self.file = open(self.path, mode)  # noqa: SIM115 - closed with the request
        return self


class StagingUploadHandler(FileUploadHandler):
    """Write each uploaded file into `folder` (mode 0600) and stop past `max_bytes` in all."""

    def __init__(self, request, *, folder: Path, max_bytes: int) -> None:
        super().__init__(request)
        self.folder, self.max_bytes = folder, max_bytes
        self.received, self.too_large = 0, False
        self.handed_over = False  # set when a job owns the folder; until then the request removes it
        self._handle = None
        self._path: Path | None = None

    def new_file(self, field_name, file_name, content_type, content_length, charset=None,
                 content_type_extra=None) -> None:
        super().new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)
        self._path = _unique_path(self.folder, file_name)
        self._handle = os.fdopen(os.open(self._path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.received += len(raw_data)
        if self.received > self.max_bytes:
            self.too_large = True
            self._discard()
            raise StopUpload(connection_reset=False)
        self._handle.write(raw_data)
        return None

    def file_complete(self, file_size: int) -> StagedFile:
        self._handle.close()
        self._handle = None
        return StagedFile(self._path, self._path.name, file_size, self.content_type)

    def upload_interrupted(self) -> None:
        self._discard()

    def _discard(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        if self._path is not None:
            self._path.unlink(missing_ok=True)


def zip_unpack(archive: Path, *, max_bytes: int) -> list[Path]:
    """Unpack the import files of a ZIP beside it (flat, names cleaned) and remove the ZIP.

    Folders inside the ZIP are flattened; other files, hidden files and Mac resource forks
    are skipped. Raises StagingError for a damaged ZIP, one without import files, or one
    that unpacks to more than the limit.
    """
    try:
        with zipfile.ZipFile(archive) as zf:
            members = [m for m in zf.infolist() if _is_import_member(m)]
            if len(members) > ZIP_MAX_MEMBERS or sum(m.file_size for m in members) > max_bytes * ZIP_MAX_RATIO:
                raise StagingError("zip_too_large")
            if not members:
                raise StagingError("zip_empty")
            budget = [max_bytes * ZIP_MAX_RATIO]
            paths = [_unpack_member(zf, m, archive.parent, budget) for m in members]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError) as exc:
        logger.info("unreadable zip upload: %s", type(exc).__name__)
        raise StagingError("zip_damaged") from exc
    finally:
        archive.unlink(missing_ok=True)
    return paths


def _is_import_member(member: zipfile.ZipInfo) -> bool:
    name = Path(member.filename.replace("\\", "/")).name
    return (not member.is_dir() and not name.startswith((".", "~$")) and "__MACOSX" not in member.filename
            and Path(name).suffix.lower() in IMPORT_SUFFIXES)


def _unpack_member(zf: zipfile.ZipFile, member: zipfile.ZipInfo, folder: Path, budget: list[int]) -> Path:
    """Copy one member out, counting the bytes really written (a ZIP's declared sizes can lie)."""
    path = _unique_path(folder, member.filename)
    with zf.open(member) as source, os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600),
                                              "wb") as target:
        while chunk := source.read(1024 * 1024):
            budget[0] -= len(chunk)
            if budget[0] < 0:
                raise StagingError("zip_too_large")
            target.write(chunk)
    return path
