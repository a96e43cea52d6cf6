"""Who may do what with personal data. The only place these decisions live.

Everyone signed in downloads their own data (the view only ever serves the signed-in user's
person); anyone, signed in or not, reads the privacy notice; the secretariat edits it and
anonymises people who have left.
"""

from __future__ import annotations

import rules

from netvaerk.organisation.rules import is_secretariat

rules.add_perm("privacy.download_own_data", rules.is_authenticated)
rules.add_perm("privacy.view_notice", rules.always_allow)
rules.add_perm("privacy.change_notice", is_secretariat)
rules.add_perm("privacy.anonymise_person", is_secretariat)
