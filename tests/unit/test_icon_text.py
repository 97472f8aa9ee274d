"""Names in the one-element rows are shown as written, never run as markup."""
from ui.shared import icon_text


def test_the_words_are_escaped_and_the_icon_takes_the_colour():
    markup = icon_text.markup('chair', 'Dee <b>& Co</b>', 'text-positive', 'font-medium')
    assert markup == ('<i class="q-icon material-icons text-positive">chair</i>'
                      '<span class="font-medium">Dee &lt;b&gt;&amp; Co&lt;/b&gt;</span>')
