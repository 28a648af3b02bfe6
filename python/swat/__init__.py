"""swat: small sparse MLPs for regression tables, their architecture and weights found together
by gradient descent in a learned latent space.

``SwatRegressor`` is a scikit-learn estimator; ``Model`` is a fitted network (what model.json
holds), readable with ``swat show`` and ``swat predict`` too.
"""

from ._swat import Model, __version__
from .regressor import SwatRegressor, defaults

__all__ = ["Model", "SwatRegressor", "defaults", "__version__"]
