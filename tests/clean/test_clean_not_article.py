"""Error and unavailable pages in place of an article: reported and skipped, in seven languages; an
article that merely mentions such a phrase is kept."""

from __future__ import annotations

import pytest

from corroborate.clean import CleanError, clean
from corroborate.model import Document

ERROR_PAGES = {
    "en": ("Page not found", "Sorry, the page you are looking for does not exist. Return to the home page."),
    "sv": ("Sidan kunde inte hittas", "Tyvärr finns inte sidan du söker. Gå tillbaka till startsidan."),
    "de": ("Seite nicht gefunden", "Die gesuchte Seite existiert nicht. Zurück zur Startseite."),
    "es": ("Página no encontrada", "Lo sentimos, la página que buscas no existe. Volver a la portada."),
    "fr": ("Page introuvable", "Désolé, la page que vous recherchez n'existe pas. Retour à l'accueil."),
    "ar": ("خطأ", "عذرا، الصفحة المطلوبة غير موجودة. العودة إلى الصفحة الرئيسية."),
    "ru": ("Ошибка", "Извините, запрашиваемая страница не найдена. Вернуться на главную."),
}

ARTICLE_MENTIONING = (
    "Court rules on archive dispute",
    "A regional court ruled on Monday that the city archive must restore a web page it removed last year. "
    "Visitors who followed old links had seen a message saying the page was not found, the plaintiffs said. "
    "The archive director Mara Velsen told the court the removal had been an error during a server move. "
    "The judges ordered the page restored within thirty days and the archive to publish a list of other "
    "removed pages. Both sides said they would study the ruling before deciding whether to appeal it. "
    "The archive holds more than two million documents about the city and its harbour going back to 1850.",
)


@pytest.mark.parametrize("lang", sorted(ERROR_PAGES))
def test_error_page_is_reported_and_skipped(lang: str) -> None:
    title, body = ERROR_PAGES[lang]
    with pytest.raises(CleanError, match="error or unavailable page"):
        clean(Document(origin=f"err-{lang}.html", content=body, kind="text", title=title, lang=lang))


def test_numbered_error_title_is_an_error_page() -> None:
    with pytest.raises(CleanError, match="error or unavailable page"):
        clean(Document(origin="e.txt", content="The server is down for maintenance. Please retry later.",
                       kind="text", title="Error 503"))


def test_article_that_mentions_a_missing_page_is_kept() -> None:
    title, body = ARTICLE_MENTIONING
    art = clean(Document(origin="a.txt", content=body, kind="text", title=title, lang="en"))
    assert "page was not found" in art.text


def test_short_news_with_a_code_like_number_is_kept() -> None:
    art = clean(Document(origin="b.txt", kind="text", title="404 flights cancelled as storm hits coast",
                         content="Airlines cancelled 404 flights on Sunday as a storm hit the coast, officials said."))
    assert art.title.startswith("404 flights")
