# This file is part of borgerraadgiver.  The COPYRIGHT file at the top level
# of this repository contains the full copyright notices and license terms.
from trytond.pool import Pool, PoolMeta

# The models whose record rules depend on the user's centres
_CENTRES_RULE_MODELS = {'borgerraadgiver.inquiry'}


class Rule(metaclass=PoolMeta):
    __name__ = 'ir.rule'

    @classmethod
    def _get_context(cls, model_name):
        pool = Pool()
        User = pool.get('res.user')
        context = super()._get_context(model_name)
        if model_name in _CENTRES_RULE_MODELS:
            context['centres'] = User.get_borgerraadgiver_centres()
        return context

    @classmethod
    def _get_cache_key(cls, model_names):
        pool = Pool()
        User = pool.get('res.user')
        key = super()._get_cache_key(model_names)
        if model_names & _CENTRES_RULE_MODELS:
            key = (*key, tuple(User.get_borgerraadgiver_centres()))
        return key
