"""Words for the core's objects in the UI language: a model's figures, a name that cannot be used, the presets, errors.

The Qt-free core words these in English for the command line (catalog.ModelEntry.figures,
catalog.check_model_name, model.PRESETS descriptions, HandwritingError's messages); the app says the same through
Qt's translations.
"""

from __future__ import annotations

import html
import unicodedata

from PyQt5.QtCore import QCoreApplication

from handwriting.files import catalog
from handwriting.files.model_files import BACKUP_SUFFIX
from handwriting.labels import percent_text
from handwriting.personal.label_check import NAMED_IN_MESSAGE
from handwriting.recognition.images import readable_formats
from handwriting.training.model import PRESETS

translate = QCoreApplication.translate
WRAP_TIP = 70  # a tooltip wider than this many Latin letters is wrapped (a kanji is two letters wide)


def is_wide(letter: str) -> bool:
    """Whether a letter takes two Latin letters' width: kanji, kana, full-width forms (Unicode's East Asian Width)."""
    return unicodedata.east_asian_width(letter) in "WF"


def tooltip(*paragraphs: str) -> str:
    """A tooltip that Qt wraps when it is long: past WRAP_TIP letters' widths, rich text, a <p> per paragraph
    (Qt shows plain text on one line, as wide as the text); shorter, the plain text."""
    width = sum(2 if is_wide(c) else 1 for c in "".join(paragraphs))
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs) if width > WRAP_TIP else " ".join(paragraphs)


def percent(probability: float) -> str:
    """A probability as the app shows it everywhere: "85%", "99.8%", ">99.9%", "<1%" (labels.percent_text).

    The one formatting of a probability, shared with the command line: never "100%", a network is never certain.
    """
    return percent_text(probability)


def accuracy_on_validation(accuracy: float) -> str:
    """ "validation 99.48%"."""
    return translate("Wording", "validation {accuracy:.2%}").format(accuracy=accuracy)


def accuracy_on_test(accuracy: float) -> str:
    """ "test 99.58%"."""
    return translate("Wording", "test {accuracy:.2%}").format(accuracy=accuracy)


def figures(entry: catalog.ModelEntry) -> str:
    """ "validation 99.48%, test 99.58%, trained 2025-01-02 10:11", or that there are none."""
    parts = []
    if entry.val_accuracy is not None:
        parts.append(accuracy_on_validation(entry.val_accuracy))
    if entry.test_accuracy is not None:
        parts.append(accuracy_on_test(entry.test_accuracy))
    if entry.created:
        parts.append(translate("Wording", "trained {date}").format(date=entry.created))
    return translate("Wording", ", ").join(parts) or translate("Wording", "no saved figures")


def samples(count: int) -> str:
    """ "1 sample" or "3 samples", in the UI language."""
    if count == 1:
        return translate("Wording", "1 sample")
    return translate("Wording", "{count:,} samples").format(count=count)


def epochs(count: int) -> str:
    """ "1 epoch" or "13 epochs", in the UI language."""
    if count == 1:
        return translate("Wording", "1 epoch")
    return translate("Wording", "{count:,} epochs").format(count=count)


def batches(count: int) -> str:
    """ "1 batch" or "422 batches", in the UI language."""
    if count == 1:
        return translate("Wording", "1 batch")
    return translate("Wording", "{count:,} batches").format(count=count)


def name_hint() -> str:
    """What a model name may hold (catalog.NAME_PATTERN)."""
    return translate(
        "Wording", "use 1 to 64 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit"
    )


def name_problem(text: str) -> str | None:
    """Why `text` cannot name a model file (catalog.check_model_name's rules), None when it can."""
    try:
        catalog.check_model_name(text)
    except ValueError:
        name = text.strip().removesuffix(".keras")
        if name.endswith(BACKUP_SUFFIX) and catalog.NAME_PATTERN.match(name):
            reason = translate("Wording", "names ending in “{suffix}” are kept for backups").format(
                suffix=BACKUP_SUFFIX
            )
        else:
            reason = name_hint()
        return translate("Wording", "“{name}” cannot name a model: {reason}").format(name=name, reason=reason)
    return None


def preset_description(name: str) -> str:
    """A preset in a few words (model.PRESETS), for the retrain dialog."""
    descriptions = {
        "lenet5": translate("Wording", "the classic widths of LeCun et al. 1998, about 62k parameters"),
        "wide": translate(
            "Wording", "LeNet-5 with wider layers, batch norm and dropout; chosen on the validation split"
        ),
        "fast": translate(
            "Wording", "the wide network without augmentation or dropout, 2 epochs: about 99.2% in half a minute"
        ),
    }
    return descriptions.get(name) or PRESETS[name].description


def error_text(error: BaseException) -> str:
    """A core error in the user's language, by its `reason` (handwriting.errors.HandwritingError): in English the
    core's own message, which is also all that is said of an error without a reason worded here."""
    texts = {
        "image_missing": translate("Recognition", "{file}: no such file"),
        "image_folder": translate("Recognition", "{file}: is a folder, not an image file"),
        "image_permission": translate("Recognition", "{file}: permission denied; check that the file can be read"),
        "image_unreadable": translate("Recognition", "{file}: not a readable image ({formats} expected)"),
        "image_damaged": translate("Recognition", "{file}: the image is damaged or truncated ({error})"),
        "model_missing": translate("Models", "{file}: model file not found; train one with 'handwriting train' or "
                                             "pick another file"),
        "model_folder": translate("Models", "{file}: is a folder, not a .keras model file"),
        "model_not_keras": translate("Models", "{file}: not a .keras model file; only Keras 3 .keras files are "
                                               "loaded"),
        "model_unreadable": translate("Models", "{file}: cannot be read ({error}); check its permissions"),
        "model_not_zip": translate("Models", "{file}: not a valid .keras file (it is empty, truncated or not a zip "
                                             "archive)"),
    }
    reason, details = getattr(error, "reason", ""), dict(getattr(error, "details", {}))
    if reason == "mislabelled":
        return mislabelled_text(details.get("named", []))
    if reason == "worse":
        text = translate("Personal", "the new personal model reads other people's digits {drop:.1f} points worse than "
                                     "the model it started from ({accuracy:.1%} instead of {base:.1%}), so it was not "
                                     "kept; labels that are wrong all the same way do that: check them in Model > My "
                                     "handwriting samples")
        accuracy, base = details["accuracy"], details["base_accuracy"]
        return text.format(drop=100 * (base - accuracy), accuracy=accuracy, base=base)
    if reason == "image_too_large":
        if "limit" in details:
            text = translate("Recognition", "{file}: {width}x{height} is too large to be a digit (limit {limit:,} "
                                            "pixels); scale it down")
        else:
            text = translate("Recognition", "{file}: the image is too large to be a digit; scale it down")
    elif reason in texts:
        text = texts[reason]
    else:
        return str(error)
    if "formats" in details:
        details["formats"] = formats_words()
    return text.format(file=error.path, **details)


def formats_words() -> str:
    """The readable image formats in the user's language: "PNG, JPEG, BMP, GIF, TIFF, WebP or PGM/PPM"."""
    names = [name for name, _ in readable_formats()]
    if len(names) == 1:
        return names[0]
    some = translate("Recognition", ", ").join(names[:-1])
    return translate("Recognition", "{some} or {last}").format(some=some, last=names[-1])


def mislabelled_text(suspects: list) -> str:
    """The label check's refusal in the user's language (handwriting.personal.label_check.suspects_message):
    `suspects` as (sample id or None, index, label, looks like), the most suspicious first."""
    named = []
    for sample_id, index, label, like in suspects[:NAMED_IN_MESSAGE]:
        if sample_id is not None:
            which = translate("Personal", "sample #{id}").format(id=sample_id)
        else:
            which = translate("Personal", "drawing {number}").format(number=index + 1)
        named.append(translate("Personal", "{which}, labelled {label}, looks like your {like}s").format(
            which=which, label=label, like=like))
    text = translate("Personal", "; ").join(named)
    if len(suspects) > NAMED_IN_MESSAGE:
        text += translate("Personal", "; and {more} more").format(more=len(suspects) - NAMED_IN_MESSAGE)
    if len(suspects) == 1:
        template = translate("Personal", "a sample looks mislabelled, so no personal model was made: {named}. Check "
                                         "it in Model > My handwriting samples (a drawing's number is in its tooltip): "
                                         "double-click to correct a label, or delete the drawing if its label is right")
    else:
        template = translate("Personal", "{count} samples look mislabelled, so no personal model was made: {named}. "
                                         "Check them in Model > My handwriting samples (a drawing's number is in its "
                                         "tooltip): double-click to correct a label, or delete the drawing if its "
                                         "label is right")
    return template.format(count=len(suspects), named=text)
