"""The PDFs of an edition's parts → one PDF, as if WeasyPrint had rendered the whole edition at once.

With pikepdf (qpdf): copying pages and then other objects of the same source keeps object
identity, so the bookmarks, named destinations and structure tree copied after the pages point to
the copied pages and annotations. What the single document has, the merged one keeps: each page
as it is (boxes, fonts, content), the first part's document-wide entries (language, mark info,
viewer preferences, XMP metadata, output intent, Info), the bookmarks in order, one name tree of
destinations, and for tagged PDFs one structure tree (the parts' ``Document`` elements joined into
one, the parent tree renumbered). Links a part could not resolve (their anchor is in another part,
see ``pdf_parts.ANCHOR_LINK``) become links to the named destination. The file identifier is
derived from the content, so the same parts give the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import uuid
import warnings
from urllib.parse import unquote

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf, String

from .pdf_parts import ANCHOR_LINK

logger = logging.getLogger(__name__)

#: document-wide entries of the catalog, taken from the first part (every part has the same head)
XMP_ID_PATTERN = re.compile(rb"(xmp\.(?:did|iid):)[0-9a-fA-F-]{36}")
CATALOG_KEYS = ("/Lang", "/MarkInfo", "/ViewerPreferences", "/Metadata", "/OutputIntents", "/PageMode")


class MergeError(Exception):
    """The parts cannot be joined into a correct PDF."""


def merge_pdfs(parts: list[bytes]) -> bytes:
    """One PDF of the parts' pages in order, with their bookmarks, destinations, links and tags."""
    sources = [Pdf.open(io.BytesIO(data)) for data in parts]
    merged = Pdf.new()
    tags = _StructureTree(merged) if all("/StructTreeRoot" in pdf.Root for pdf in sources) else None
    outline = _Outline(merged)
    destinations: dict[str, tuple[bytes, pikepdf.Object]] = {}
    for source in sources:
        first = len(merged.pages)
        with warnings.catch_warnings():
            # pikepdf warns that extend() leaves forms, named destinations and bookmarks behind:
            # that is what this module merges itself (Pdf.add_pages_from would rename colliding names)
            warnings.filterwarnings("ignore", "Copying pages from another Pdf", UserWarning)
            merged.pages.extend(source.pages)
        pages = merged.pages[first:]
        destinations.update(_destinations(merged, source))
        outline.add(source)
        if tags is not None:
            tags.add(source, pages)
    _copy_document_entries(merged, sources[0])
    _stable_xmp_ids(merged)
    _write_destinations(merged, destinations)
    _resolve_links(merged, destinations)
    outline.write()
    if tags is not None:
        tags.write()
    output = io.BytesIO()
    merged.save(output, deterministic_id=True, min_version=max(pdf.pdf_version for pdf in sources),
                 object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True)
    return output.getvalue()


def _copy(merged: Pdf, source: Pdf, obj: pikepdf.Object) -> pikepdf.Object:
    """``obj`` of ``source`` in ``merged``; qpdf copies only indirect objects (and what they refer to)."""
    if isinstance(obj, (Dictionary, Array, pikepdf.Stream)):
        return merged.copy_foreign(obj if obj.is_indirect else source.make_indirect(obj))
    return obj


def _copy_document_entries(merged: Pdf, first: Pdf) -> None:
    for key in CATALOG_KEYS:
        if key in first.Root:
            merged.Root[key] = _copy(merged, first, first.Root[key])
    if "/Info" in first.trailer:
        merged.trailer.Info = _copy(merged, first, first.trailer.Info)


def _stable_xmp_ids(merged: Pdf) -> None:
    """WeasyPrint writes a random ``xmpMM:DocumentID`` (a UUID) into PDF/X metadata; the merged
    file gets one derived from its pages' content instead, so that the same input gives the same bytes."""
    if "/Metadata" not in merged.Root:
        return
    xmp = merged.Root.Metadata.read_bytes()
    if not XMP_ID_PATTERN.search(xmp):
        return
    digest = hashlib.sha256()
    for page in merged.pages:
        contents = page.obj.get("/Contents")
        for stream in contents if isinstance(contents, Array) else [contents] if contents is not None else []:
            digest.update(stream.read_raw_bytes())
    stable = uuid.UUID(bytes=digest.digest()[:16], version=4)
    merged.Root.Metadata.write(XMP_ID_PATTERN.sub(rb"\g<1>" + str(stable).encode(), xmp))


# ---- named destinations and links

def _destinations(merged: Pdf, source: Pdf) -> dict[str, tuple[bytes, pikepdf.Object]]:
    """The source's named destinations (WeasyPrint writes one per anchor), copied into ``merged``:
    name → (the name's bytes in the PDF, the destination)."""
    names = source.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return {}
    return {str(key): (bytes(key), _copy(merged, source, value)) for key, value in _tree_items(names.Dests)}


def _tree_items(node: pikepdf.Object, leaves: str = "/Names"):
    """The (key, value) pairs of a name tree (``/Names``) or a number tree (``/Nums``), in order."""
    if leaves in node:
        values = list(node[leaves])
        yield from zip(values[0::2], values[1::2], strict=True)
    for kid in node.get("/Kids", []):
        yield from _tree_items(kid, leaves)


def _write_destinations(merged: Pdf, destinations: dict[str, tuple[bytes, pikepdf.Object]]) -> None:
    if not destinations:
        return
    flat = Array()
    # a name tree's keys are sorted by the bytes of the strings (ISO 32000-1, 7.9.6)
    for raw, destination in sorted(destinations.values(), key=lambda item: item[0]):
        flat.append(String(raw))
        flat.append(destination)
    merged.Root.Names = Dictionary(Dests=merged.make_indirect(Dictionary(Names=flat)))


def _resolve_links(merged: Pdf, destinations: dict) -> None:
    """Links to another part's anchor → links to the named destination, as WeasyPrint writes them."""
    for number, page in enumerate(merged.pages, start=1):
        for annotation in page.obj.get("/Annots", []):
            action = annotation.get("/A")
            if action is None or action.get("/S") != "/URI" or not str(action.URI).startswith(ANCHOR_LINK):
                continue
            name = unquote(str(action.URI)[len(ANCHOR_LINK):])
            if name not in destinations:
                raise MergeError(f"page {number}: a link to #{name}, which is nowhere in the book")
            del annotation["/A"]
            annotation.Dest = String(name)
            annotation.Contents = String(name)


# ---- bookmarks

class _Outline:
    """The parts' top-level bookmarks chained one after the other under one outline root."""

    def __init__(self, merged: Pdf):
        self.merged = merged
        self.root = merged.make_indirect(Dictionary(Type=Name.Outlines))
        self.items: list[pikepdf.Object] = []
        self.count = 0

    def add(self, source: Pdf) -> None:
        outlines = source.Root.get("/Outlines")
        if outlines is None or "/First" not in outlines:
            return
        item = _copy(self.merged, source, outlines.First)
        while item is not None:
            self.items.append(item)
            item = item.get("/Next")
        self.count += int(outlines.get("/Count", 0))

    def write(self) -> None:
        if not self.items:
            return
        for previous, item in zip([None, *self.items], self.items, strict=False):
            item.Parent = self.root
            if previous is None:
                if "/Prev" in item:
                    del item["/Prev"]
            else:
                item.Prev = previous
                previous.Next = item
        if "/Next" in self.items[-1]:
            del self.items[-1]["/Next"]
        self.root.First = self.items[0]
        self.root.Last = self.items[-1]
        self.root.Count = self.count
        self.merged.Root.Outlines = self.root


# ---- tags (PDF/UA)

class _StructureTree:
    """One structure tree: a single ``Document`` element holding every part's elements, and one
    parent tree whose keys are the parts' keys shifted past the previous parts' ones."""

    def __init__(self, merged: Pdf):
        self.merged = merged
        self.root = merged.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        self.document = merged.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, P=self.root,
                                                        K=Array()))
        self.parents = Array()
        self.next_key = 0
        self.role_map = Dictionary()

    def add(self, source: Pdf, pages: list) -> None:
        tree = source.Root.StructTreeRoot
        shift = self.next_key
        entries = list(_tree_items(tree.ParentTree, "/Nums")) if "/ParentTree" in tree else []
        values = [_copy(self.merged, source, value) for _, value in entries]
        for (key, _), value in zip(entries, values, strict=True):
            self.parents.append(int(key) + shift)
            self.parents.append(value)
        last = max((int(key) for key, _ in entries), default=-1)
        self.next_key = shift + max(int(tree.get("/ParentTreeNextKey", 0)), last + 1)
        documents = set()
        for element in self._top_elements(tree):
            element = _copy(self.merged, source, element)
            if element.get("/S") == Name.Document:
                documents.add(element.objgen)
            self._adopt(element)
        self._adopt_orphans(values, documents)
        for name, role in tree.get("/RoleMap", Dictionary()).items():
            self.role_map[name] = role
        _shift_struct_parents(pages, shift)

    @staticmethod
    def _top_elements(tree: pikepdf.Object) -> list:
        kids = tree.get("/K")
        if kids is None:
            return []
        return list(kids) if isinstance(kids, Array) else [kids]

    def _adopt(self, element: pikepdf.Object) -> None:
        """A part's ``Document`` gives its children to the merged one; anything else is adopted whole."""
        if element.get("/S") != Name.Document:
            element.P = self.document
            self.document.K.append(element)
            return
        kids = element.get("/K", Array())
        for kid in kids if isinstance(kids, Array) else [kids]:
            if isinstance(kid, Dictionary) and kid.get("/Type", Name.StructElem) == Name.StructElem and "/S" in kid:
                kid.P = self.document
            elif isinstance(kid, int) or "/Pg" in element:
                raise MergeError("a Document element with marked content of its own")
            self.document.K.append(kid)

    def _adopt_orphans(self, values: list, documents: set[tuple[int, int]]) -> None:
        """Elements whose parent is a part's ``Document`` without being among its kids (WeasyPrint 70
        tags the running heads and folios so) get the merged ``Document`` as parent, as in the
        single document."""
        seen: set[tuple[int, int]] = set()
        for value in values:
            for element in value if isinstance(value, Array) else [value]:
                while isinstance(element, Dictionary) and "/P" in element and element.objgen not in seen:
                    seen.add(element.objgen)
                    if element.P.objgen in documents:
                        element.P = self.document
                        break
                    element = element.P

    def write(self) -> None:
        self.root.K = Array([self.document])
        self.root.ParentTree = self.merged.make_indirect(Dictionary(Nums=self.parents))
        self.root.ParentTreeNextKey = self.next_key
        if len(self.role_map):
            self.root.RoleMap = self.role_map
        self.merged.Root.StructTreeRoot = self.root


def _shift_struct_parents(pages: list, shift: int) -> None:
    """Pages' ``/StructParents``, annotations' ``/StructParent`` and those of form XObjects, + shift;
    each object once, however many pages share it."""
    if not shift:
        return
    seen: set[tuple[int, int]] = set()
    for page in pages:
        _shift(page.obj, shift, seen)
        for annotation in page.obj.get("/Annots", []):
            _shift(annotation, shift, seen)
        resources = page.obj.get("/Resources", Dictionary())
        for xobject in resources.get("/XObject", Dictionary()).values():
            _shift(xobject, shift, seen)


def _shift(obj: pikepdf.Object, shift: int, seen: set[tuple[int, int]]) -> None:
    if obj.is_indirect:
        if obj.objgen in seen:
            return
        seen.add(obj.objgen)
    for key in ("/StructParents", "/StructParent"):
        if key in obj:
            obj[key] = int(obj[key]) + shift
