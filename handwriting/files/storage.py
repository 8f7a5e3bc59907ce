"""Atomic saving of a model and its training history, a one-step backup and revert, and their temporaries.

How a model and its history stay a consistent pair (a crash or SIGKILL may hit at any instant):

* Everything is first written to hidden temporary files in the model's own folder
  (`.<stem>.<random>.tmp.keras` and `.<stem>.<random>.tmp.history.json`) and fsynced.
  The history records `model_sha256`, the SHA-256 of the model file it belongs to.
* The current pair is kept as `<stem>.previous.keras` / `<stem>.previous.history.json`
  (hard links, or copies where links are impossible, renamed into place: never half a file).
* Then `os.replace` publishes the model, and another `os.replace` its history. Each rename is
  atomic, so every file is always either complete-old or complete-new.
* A kill between the two renames leaves the new model beside the old history. `load_history`
  (handwriting.files.model_files) notices (the recorded hash is not the model's) and instead reads
  the new history from the temporary file that the killed run left behind; failing that it returns
  {}, never a history that contradicts the model. Histories without `model_sha256` (older files)
  are trusted as before.
* Leftover temporary files of killed runs are harmless and are deleted by the next save.
"""

from __future__ import annotations

import errno
import glob
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from handwriting.errors import ModelFileError, SaveError
from handwriting.faults import fault_point
from handwriting.files.model_files import DEFAULT_MODEL_PATH, HASH_KEY, backup_path_for, file_sha256, history_path_for
from handwriting.files.resources import refuse_package_writes

# --- Errors ---------------------------------------------------------------------------------------

_ADVICE = {
    errno.ENOSPC: "the disk is full; free some space and try again",
    errno.EDQUOT: "the disk quota is used up; free some space and try again",
    errno.EROFS: "the folder is on a read-only file system; save elsewhere (e.g. with --out)",
    errno.EACCES: "permission denied; save elsewhere (e.g. with --out) or fix the folder's permissions",
    errno.EPERM: "permission denied; save elsewhere (e.g. with --out) or fix the folder's permissions",
}


def _save_error(final: Path, exc: OSError) -> SaveError:
    reason = exc.strerror or str(exc) or type(exc).__name__
    advice = _ADVICE.get(exc.errno or 0, "try again or save elsewhere (e.g. with --out)")
    kept = f"the old model {final.name} is unchanged" if final.exists() else "nothing was written"
    return SaveError(f"cannot save the model in {final.parent} ({reason}): {kept}; {advice}")


# --- Writing --------------------------------------------------------------------------------------


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _publish(temporary: Path, final: Path) -> None:
    _fsync_file(temporary)
    os.replace(temporary, final)
    _fsync_dir(final.parent)


def _temporary_beside(final: Path, suffix: str) -> Path:
    """An empty hidden file `.<stem>.<random>.tmp<suffix>` in `final`'s folder (raises OSError).

    Every write of this module starts here, so this is where writes into the installed package are
    refused (SaveError).
    """
    refuse_package_writes(final)
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{final.stem}.", suffix=f".tmp{suffix}", dir=final.parent)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(name, 0o666 & ~umask)  # mkstemp makes 0600; a saved model is an ordinary file
    return Path(name)


def _snapshot(source: Path, final: Path) -> Path:
    """A hidden temporary beside `final` with `source`'s content: a hard link, else an fsynced copy."""
    temporary = _temporary_beside(final, final.suffix)
    try:
        temporary.unlink()
        os.link(source, temporary)
    except OSError:
        shutil.copyfile(source, temporary)
        _fsync_file(temporary)
    return temporary


def stale_temporaries(model_path: str | Path) -> list[Path]:
    """The hidden temporary files that saves of this model (and of its backup) create in its folder."""
    final = Path(model_path)
    pattern = os.path.join(glob.escape(str(final.parent)), f".{glob.escape(final.stem)}.*.tmp*")
    return [Path(name) for name in glob.glob(pattern)]


def remove_stale_temporaries(model_path: str | Path, older_than: float | None = None) -> list[Path]:
    """Delete leftovers of killed saves of this model last changed before `older_than` (default: now).

    Returns the files removed. Files that vanish or cannot be removed are skipped silently.
    """
    limit = time.time() if older_than is None else older_than
    removed = []
    for path in stale_temporaries(model_path):
        try:
            if path.stat().st_ctime < limit:  # ctime: a hard link or a write both refresh it
                path.unlink()
                removed.append(path)
        except OSError:
            continue
    return removed


def ensure_writable(model_path: str | Path) -> None:
    """Raise SaveError now if a model could not be saved at `model_path` (read-only or locked folder).

    Lets a training run fail in a second instead of after all its epochs. A full disk is still
    only found out by the save itself.
    """
    final = Path(model_path)
    try:
        _temporary_beside(final, ".probe").unlink()
    except OSError as exc:
        raise _save_error(final, exc) from None


def write_json_atomic(data: dict, path: str | Path) -> None:
    """Write JSON through a temporary file in the same folder, fsync, then os.replace."""
    write_text_atomic(json.dumps(data, indent=1) + "\n", path)


def write_text_atomic(text: str, path: str | Path) -> None:
    """Write UTF-8 text through a temporary file in the same folder, fsync, then os.replace."""
    write_bytes_atomic(text.encode("utf-8"), path)


def write_bytes_atomic(data: bytes, path: str | Path) -> None:
    """Write bytes through a temporary file in the same folder, fsync, then os.replace."""
    final = Path(path)
    try:
        temporary = _temporary_beside(final, final.suffix)
    except OSError as exc:
        raise _save_error(final, exc) from None
    try:
        temporary.write_bytes(data)
        _publish(temporary, final)
    except OSError as exc:
        raise SaveError(f"cannot write {final} ({exc.strerror or exc}); the previous file is unchanged") from None
    finally:
        temporary.unlink(missing_ok=True)


def _keep_backup(final: Path, cleanup: list[Path]) -> None:
    """Make the current model+history the `.previous` pair (each file replaced atomically)."""
    backup = backup_path_for(final)
    for source, target in ((final, backup), (history_path_for(final), history_path_for(backup))):
        if source.exists():
            temporary = _snapshot(source, target)
            cleanup.append(temporary)
            os.replace(temporary, target)
        else:
            target.unlink(missing_ok=True)


def save_model_atomic(
    model, path: str | Path, history: dict | None = None, *, keep_backup: bool = True, stale_before: float | None = None
) -> Path:
    """Save a Keras model (and its history JSON) so that a crash at any point keeps a loadable, consistent pair.

    See the module docstring for the order of writes. With `keep_backup`, a model already at `path`
    becomes `<stem>.previous.keras` (with its history) first. Temporary files of earlier, killed
    saves whose last change is before `stale_before` (default: the start of this call) are removed;
    two processes saving the same model at the same moment are not supported (the last one wins).
    Raises SaveError, naming the folder, when the disk is full, read-only or not writable.
    """
    final = Path(path)
    if final.suffix != ".keras":
        raise SaveError(f"{final}: a model file must end in .keras")
    refuse_package_writes(final)  # before anything, even the clean-up of old temporaries
    remove_stale_temporaries(final, time.time() if stale_before is None else stale_before)
    cleanup: list[Path] = []
    pending_history: Path | None = None
    model_replaced = False
    try:
        temporary = _temporary_beside(final, ".keras")
        cleanup.append(temporary)
        model.save(temporary)
        if history is not None:
            pending_history = history_path_for(temporary)
            cleanup.append(pending_history)
            record = {**history, HASH_KEY: file_sha256(temporary)}
            pending_history.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
            _fsync_file(pending_history)
        if keep_backup and final.exists():
            _keep_backup(final, cleanup)
        fault_point("save-model")
        _publish(temporary, final)
        model_replaced = True
        fault_point("save-history")
        if pending_history is not None:
            os.replace(pending_history, history_path_for(final))
            _fsync_dir(final.parent)
        else:
            history_path_for(final).unlink(missing_ok=True)  # an old history would describe another model
    except OSError as exc:
        if model_replaced:
            raise SaveError(
                f"the model was saved to {final}, but its history could not be written in {final.parent} "
                f"({exc.strerror or exc}); the model is usable, its training curves are not available"
            ) from None
        raise _save_error(final, exc) from None
    finally:
        for leftover in cleanup:
            leftover.unlink(missing_ok=True)
    return final


def revert_to_backup(model_path: str | Path | None = None) -> Path:
    """Swap the model (and its history) with its `.previous` backup; returns the model path.

    Reverting twice gets back to where you started. Both versions are first staged as hidden hard
    links (or copies), then renamed into place, so neither name is ever half a file; histories follow
    their models, and `load_history` ignores a history whose hash does not match. A SIGKILL in the
    microseconds between the two model renames leaves both names holding the backup, the newer model
    surviving as a hidden temporary until the next save. Raises ModelFileError when there is no backup,
    and SaveError when the folder cannot be written (then nothing has changed).
    """
    final = Path(model_path) if model_path is not None else DEFAULT_MODEL_PATH
    backup = backup_path_for(final)
    if not backup.is_file():
        raise ModelFileError(
            f"{final}: there is no backup to revert to ({backup.name} does not exist); "
            "a backup is kept each time a model is saved over an existing one"
        )
    pairs = [(backup, final), (final, backup)]  # (source, target): the two swaps of the model ...
    pairs += [(history_path_for(s), history_path_for(t)) for s, t in pairs]  # ... then of the history
    cleanup: list[Path] = []
    try:
        staged = []
        for source, target in pairs:  # first copy everything aside, so a failure here changes nothing
            temporary = _snapshot(source, target) if source.exists() else None
            if temporary is not None:
                cleanup.append(temporary)
            staged.append((temporary, target))
    except OSError as exc:
        for leftover in cleanup:
            leftover.unlink(missing_ok=True)
        raise _save_error(final, exc) from None
    try:
        for temporary, target in staged:
            if temporary is None:
                target.unlink(missing_ok=True)
            else:
                os.replace(temporary, target)
        _fsync_dir(final.parent)
    except OSError as exc:
        raise SaveError(f"reverting {final} failed part-way in {final.parent} ({exc.strerror or exc})") from None
    finally:
        for leftover in cleanup:
            leftover.unlink(missing_ok=True)
    return final
