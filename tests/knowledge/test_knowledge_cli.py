"""`python -m knowledge build|search`, run in-process on a copy of the index (text mode: no second model load)."""
from __future__ import annotations

from knowledge.__main__ import main


def test_build_reports_what_it_did(kb_copy, capsys):
    assert main(['--data-dir', str(kb_copy.folder), '--corpus', str(kb_copy.corpus_dir), 'build']) == 0
    assert '0 added, 0 changed, 0 removed; 0 chunks embedded' in capsys.readouterr().out


def test_search_prints_ranked_passages_with_scores_and_sources(kb_copy, capsys):
    argv = ['--data-dir', str(kb_copy.folder), 'search', 'should I charge a deposit?', '--mode', 'text', '-k', '3']
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert '1. [' in out and '3. [' in out and '4. [' not in out
    assert '(deposits-and-no-show-policy.md)' in out


def test_search_without_an_index_says_what_to_run(tmp_path, capsys):
    assert main(['--data-dir', str(tmp_path / 'nothing'), 'search', 'deposit']) == 1
    assert 'python -m knowledge build' in capsys.readouterr().err
