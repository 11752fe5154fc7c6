import json

from hotline.kb.chunking import chunk_csv, chunk_document, chunk_json, chunk_markdown

POLICY = """# Store policy

Intro paragraph.

## Returns

- An order can only be returned if its status is 'delivered'.

- The refund goes to the original payment method.

### Gift cards

Gift card refunds are immediate.

## Shipping
Orders ship in 2 days.
"""


def test_markdown_chunks_keep_heading_paths() -> None:
    chunks = chunk_markdown(POLICY, max_chars=500)
    headings = [c.heading for c in chunks]
    assert headings == [
        "Store policy",
        "Store policy > Returns",
        "Store policy > Returns > Gift cards",
        "Store policy > Shipping",
    ]
    assert "delivered" in chunks[1].text and "original payment" in chunks[1].text


def test_markdown_sibling_heading_replaces_previous_level() -> None:
    chunks = chunk_markdown("# A\n## B\ntext b\n### C\ntext c\n## D\ntext d\n")
    assert [c.heading for c in chunks] == ["A > B", "A > B > C", "A > D"]


def test_long_section_is_packed_under_the_limit_at_sentence_ends() -> None:
    body = " ".join(f"Sentence number {i} is here." for i in range(60))
    chunks = chunk_markdown(f"# Long\n\n{body}\n", max_chars=200)
    assert len(chunks) > 5
    assert all(len(c.text) <= 200 for c in chunks)
    assert all(c.text.endswith(".") for c in chunks)
    assert " ".join(c.text for c in chunks).replace("\n\n", " ") == body


def test_product_json_becomes_variant_lines_with_name_in_heading() -> None:
    products = {
        "1": {
            "name": "T-Shirt",
            "product_id": "1",
            "variants": {
                "11": {
                    "item_id": "11",
                    "options": {"color": "blue", "size": "M"},
                    "available": True,
                    "price": 50.88,
                },
                "12": {
                    "item_id": "12",
                    "options": {"color": "red", "size": "L"},
                    "available": False,
                    "price": 40,
                },
            },
        }
    }
    chunks = chunk_json(json.dumps(products), title="products")
    assert chunks[0].heading == "products > T-Shirt"
    assert "color blue, size M: $50.88, available (item 11)" in chunks[0].text
    assert "out of stock" in chunks[0].text


def test_csv_rows_and_dispatch_by_suffix() -> None:
    text = "question,answer\nWhat is X?,X is a thing\nWhere?,Here\n"
    chunks = chunk_csv(text, title="faq")
    assert chunks[0].text.splitlines() == [
        "question: What is X?; answer: X is a thing",
        "question: Where?; answer: Here",
    ]
    assert chunk_document("faq.csv", text, title="faq") == chunks
    assert chunk_document("notes.md", "# T\nhello\n")[0].heading == "T"
