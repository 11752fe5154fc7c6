"""The photo catalog: the demo company's grocery department (the Grocery Store Dataset's 81 products).

Each product has a name, a coarse kind ("Apple", "Juice"), an iconic image and a description; its reference
photos are the dataset's train/ split. val/ is for tuning and measuring only — never for training.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Product:
    class_id: int
    name: str  # "Golden Delicious"
    kind: str  # coarse class: "Apple"
    iconic_image: Path
    description: str
    department: str  # Fruit, Vegetables, Packages

    @property
    def store_name(self) -> str:
        """The product as the store sells it and an order line names it: "Pink Lady Apple", "Banana",
        "Arla Standard Milk" (the kind added where the name lacks it)."""
        return self.name if self.kind.lower() in self.name.lower() else f"{self.name} {self.kind}"

    @property
    def prompt(self) -> str:
        """What the text tower reads for this product: its name, kind and the catalog description."""
        return f"{self.name} ({self.kind}). {self.description}"


@dataclass(frozen=True)
class LabelledPhoto:
    path: Path
    class_id: int


class CatalogMissing(FileNotFoundError):
    pass


def _pretty(name: str) -> str:
    return name.replace("-", " ").strip()


class ProductCatalog:
    def __init__(self, root: Path) -> None:
        self.root = root
        index = root / "classes.csv"
        if not index.exists():
            raise CatalogMissing(f"no product catalog at {index}")
        products = []
        with index.open(encoding="utf-8") as f:
            for row in csv.reader(f):
                if not row or not row[1].strip().isdigit():
                    continue  # the header
                name, class_id, kind, _, iconic, description = (c.strip() for c in row[:6])
                text = (root / description.lstrip("/")).read_text(encoding="utf-8").strip()
                department = Path(iconic.lstrip("/")).parts[1]  # iconic-images-and-descriptions/<department>/...
                products.append(
                    Product(int(class_id), _pretty(name), _pretty(kind), root / iconic.lstrip("/"), text, department)
                )
        self.products = sorted(products, key=lambda p: p.class_id)
        if [p.class_id for p in self.products] != list(range(len(self.products))):
            raise ValueError(f"{index}: class ids must run 0..n-1")

    def __len__(self) -> int:
        return len(self.products)

    def __getitem__(self, class_id: int) -> Product:
        return self.products[class_id]

    def split(self, name: str) -> list[LabelledPhoto]:
        """``train`` or ``val``: the photos listed in ``{name}.txt`` with their class ids."""
        listing = self.root / f"{name}.txt"
        photos = []
        for line in listing.read_text(encoding="utf-8").splitlines():
            parts = [p.strip() for p in line.split(",")]
            if len(parts) >= 2 and parts[1].isdigit():
                photos.append(LabelledPhoto(self.root / parts[0], int(parts[1])))
        return photos

    def fingerprint(self, split: str = "train") -> str:
        """A hash of the product texts and the split's file list and sizes: says which data a model saw."""
        digest = hashlib.sha256()
        for product in self.products:
            digest.update(f"{product.class_id}|{product.prompt}\n".encode())
        for photo in self.split(split):
            digest.update(
                f"{photo.path.relative_to(self.root)}|{photo.class_id}|{photo.path.stat().st_size}\n".encode()
            )
        return digest.hexdigest()[:16]
