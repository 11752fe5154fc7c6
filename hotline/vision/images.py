"""Customer photos made safe to keep: size and pixel limits checked before decoding (decompression bombs),
truncated files refused, EXIF orientation applied and every metadata block (GPS!) dropped by re-encoding."""

from __future__ import annotations

import hashlib
import io
import warnings

from hotline.ports import CleanImage

FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "WEBP": ("image/webp", "webp")}


class ImageRejected(ValueError):
    def __init__(self, status: int, code: str, detail: str) -> None:
        super().__init__(detail)
        self.status, self.code, self.detail = status, code, detail


def clean_image(data: bytes, max_bytes: int, max_pixels: int) -> CleanImage:
    from PIL import Image, ImageOps, UnidentifiedImageError

    if len(data) > max_bytes:
        raise ImageRejected(413, "too_large", f"the photo is {len(data):,} bytes; the limit is {max_bytes:,}")
    if not data:
        raise ImageRejected(422, "empty", "the upload is empty")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            image_format = image.format or ""
            if image_format not in FORMATS:
                raise ImageRejected(
                    415,
                    "unsupported_format",
                    f"{image_format or 'unknown'} images are not accepted: send JPEG, PNG or WebP",
                )
            width, height = image.size
            if width * height > max_pixels:  # checked from the header, before anything is decoded
                raise ImageRejected(
                    413, "too_many_pixels", f"the photo is {width}x{height} pixels; the limit is {max_pixels:,} pixels"
                )
            image.load()
    except ImageRejected:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        raise ImageRejected(413, "too_many_pixels", f"refused as a decompression bomb: {error}") from None
    except UnidentifiedImageError:
        raise ImageRejected(415, "not_an_image", "the upload is not an image we can read") from None
    except (OSError, SyntaxError, ValueError) as error:
        raise ImageRejected(422, "broken_image", f"the image is truncated or corrupt: {error}") from None
    upright = ImageOps.exif_transpose(image)  # phones store rotation in EXIF: apply it, then drop EXIF
    if upright.mode not in ("RGB", "RGBA", "L"):
        upright = upright.convert("RGBA" if "A" in upright.getbands() else "RGB")
    if image_format == "JPEG" and upright.mode == "RGBA":
        upright = upright.convert("RGB")
    out = io.BytesIO()
    save_options = {"quality": 90} if image_format in ("JPEG", "WEBP") else {}
    upright.save(out, format=image_format, **save_options)  # a fresh file: no EXIF, XMP, GPS or comments
    clean = out.getvalue()
    mime, extension = FORMATS[image_format]
    return CleanImage(
        clean, image_format, mime, extension, upright.width, upright.height, hashlib.sha256(clean).hexdigest()
    )
