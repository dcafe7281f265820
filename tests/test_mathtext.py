"""TeX as readable text for page descriptions (hooks/mlq/mathtext.py)."""

from __future__ import annotations

import re

import pytest

from mlq import Content
from mlq.mathtext import tex_to_text
from mlq.sections import INLINE_MATH, SHORT_ANSWER


@pytest.mark.parametrize(
    ("tex", "text"),
    [
        (r"\lambda \|w\|_2^2 = \lambda \sum_j w_j^2", "λ ‖w‖₂² = λ Σⱼ wⱼ²"),
        (r"\lambda\big(\rho\|w\|_1 + \tfrac{1-\rho}{2}\|w\|_2^2\big)", "λ(ρ‖w‖₁ + (1-ρ)/2‖w‖₂²)"),
        (r"\frac{\partial \ell}{\partial z} = p - y", "(∂ ℓ)/(∂ z) = p - y"),
        (r"\hat\beta = (X^\top X)^{-1}X^\top y", "β̂ = (Xᵀ X)⁻¹Xᵀ y"),
        (r"\bar f(x) = \mathbb{E}_D[\hat f_D(x)]", "f̄(x) = 𝔼_D[f̂_D(x)]"),
        (r"\operatorname{softmax}(QK^\top/\sqrt{d_k})V", "softmax(QKᵀ/√dₖ)V"),
        (r"\ell = -[y\log p + (1-y)\log(1-p)]", "ℓ = -[y log p + (1-y)log(1-p)]"),
        (r"h_t = \tanh(W h_{t-1} + U x_t)", "hₜ = tanh(W hₜ₋₁ + U xₜ)"),
        (r"e^{w_j}, C_{FN}, u^{1/w}", "e^(wⱼ), C_(FN), u^(1/w)"),
        (r"y \in \{0, 1\}, \mathrm{KL}(p \,\|\, q)", "y ∈ {0, 1}, KL(p ‖ q)"),
    ],
)
def test_common_notation_reads_as_text(tex: str, text: str) -> None:
    assert tex_to_text(tex) == text


def test_every_real_formula_in_a_description_loses_its_markup(real_content: Content) -> None:
    """No backslash, no grouping brace (escaped braces are sets and stay) in any 30-second answer's math."""
    formulas = {
        formula.strip("$")
        for question in real_content.questions
        for formula in INLINE_MATH.findall(question.sections[SHORT_ANSWER].text)
    }
    assert len(formulas) > 200
    for tex in formulas:
        text = tex_to_text(tex)
        assert "\\" not in text, (tex, text)
        assert not re.search(r"[{}]", text) or r"\{" in tex, (tex, text)
