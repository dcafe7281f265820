"""The site's content commitments: minimum questions per category, the questions every guide must answer,
and complete answers (no stubs)."""

from __future__ import annotations

from collections import Counter

import pytest

from mlq import Content
from mlq.sections import SHORT_ANSWER, word_count

MINIMUM_PER_CATEGORY = {
    "fundamentals": 25,
    "math-statistics": 25,
    "algorithms-models": 30,
    "practical-implementation": 20,
    "evaluation-metrics": 20,
    "deployment-mlops": 15,
    "deep-learning": 25,
    "nlp-llm": 20,
    "ml-system-design": 12,
}

REQUIRED_TITLES = [
    "What is regularization and how does it help prevent overfitting?",
    "What is the difference between covariance and correlation?",
    "How does gradient descent work?",
    "How does a decision tree split nodes?",
    "What are the advantages of ensemble methods like random forest or boosting?",
    "How would you implement logistic regression in Python?",
    "How do you preprocess a dataset with missing values and categorical variables?",
    "What is AUC-ROC, and when should it be used?",
    "How do you handle an imbalanced dataset?",
    "How do you deploy a trained model to production?",
    "What tools would you use to monitor performance over time?",
]


def test_each_category_meets_its_minimum(real_content: Content) -> None:
    counts = Counter(q.category for q in real_content.questions)
    short = {c: (counts[c], n) for c, n in MINIMUM_PER_CATEGORY.items() if counts[c] < n}
    assert not short, f"categories below their minimum (have, need): {short}"


@pytest.mark.parametrize("title", REQUIRED_TITLES)
def test_required_question_has_a_page(real_content: Content, title: str) -> None:
    assert title in {q.title for q in real_content.questions}


def test_answers_are_complete(real_content: Content) -> None:
    """300-900 words is the guide's typical length; under 300 is a stub, and a short answer must be short."""
    problems = []
    for q in real_content.questions:
        if q.words < 300:
            problems.append(f"{q.path}: {q.words} words")
        short = word_count(q.sections[SHORT_ANSWER].text)
        if not 20 <= short <= 150:
            problems.append(f"{q.path}: 30-second answer has {short} words")
    assert not problems, "\n".join(problems)
