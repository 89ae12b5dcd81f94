import os
from hypothesis import settings

# 'thorough' (the default, used by CI) and 'dev' (quick, for local iteration: HYPOTHESIS_PROFILE=dev pytest tests)
settings.register_profile('thorough', max_examples=300, deadline=None)
settings.register_profile('dev', max_examples=30, deadline=None)
settings.load_profile(os.environ.get('HYPOTHESIS_PROFILE', 'thorough'))
