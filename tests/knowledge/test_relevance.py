"""The coach's relevance threshold (coach/relevance.py) against the knowledge eval set: it keeps a passage that
answers most owner questions and drops every passage for questions the knowledge base cannot answer."""
from eval_set import EVAL_SET

from coach.relevance import THRESHOLD, relevant

OFF_TOPIC = ['hello', 'thanks!', 'what is the weather tomorrow', 'who won the football last night', 'tell me a joke',
             'what is the capital of france', 'how do I bake sourdough bread', 'asdf qwer zxcv',
             'can you write a poem about cats', 'what time is it in tokyo', 'how do I fix my car brakes',
             'recommend a good movie', 'what is 17 times 23', 'translate good morning into spanish',
             'who is the president', 'how tall is mount everest', 'ok', 'test', 'lol', 'best pizza recipe',
             'how do I reset my wifi router', 'what should I cook for dinner', 'is it going to rain',
             'play some music', 'how old are you']


def test_similarity_is_the_cosine_of_question_and_passage_in_every_mode(kb):
    question = 'people book and then just do not turn up'
    by_vector = {p.id: p.score for p in kb.search(question, k=5, mode='vector')}  # vector mode's score: the cosine
    hybrid = kb.search(question, k=5)
    assert all(p.similarity is not None for p in hybrid)
    assert all(abs(p.similarity - by_vector[p.id]) < 1e-3 for p in hybrid if p.id in by_vector)


def test_the_threshold_keeps_answers_to_owner_questions_and_drops_the_rest(kb):
    kept = sum(any(p.doc_id in documents for p in relevant(kb.search(question, k=5)))
               for question, documents in EVAL_SET)
    assert kept >= 45, f'{kept} of {len(EVAL_SET)} owner questions keep a passage that answers them (calibrated: 45)'
    leaked = {question: [p.similarity for p in relevant(kb.search(question, k=5))] for question in OFF_TOPIC}
    assert not any(leaked.values()), {q: s for q, s in leaked.items() if s}
    assert THRESHOLD > max(p.similarity for q in OFF_TOPIC for p in kb.search(q, k=5))
