"""Before 18.0.2.0.0 an inquiry's citizen was a res.partner. Keep those
partner ids aside: the column citizen_id now points to borgerraadgiver.citizen
(post-migrate.py registers the citizens and links them)."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        SELECT ccu.table_name
          FROM information_schema.table_constraints tc
          JOIN information_schema.key_column_usage kcu
            ON tc.constraint_name = kcu.constraint_name
          JOIN information_schema.constraint_column_usage ccu
            ON tc.constraint_name = ccu.constraint_name
         WHERE tc.table_name = 'borgerraadgiver_inquiry'
           AND tc.constraint_type = 'FOREIGN KEY'
           AND kcu.column_name = 'citizen_id'
        """
    )
    row = cr.fetchone()
    if row and row[0] == "res_partner":
        cr.execute(
            "ALTER TABLE borgerraadgiver_inquiry "
            "RENAME COLUMN citizen_id TO borgerraadgiver_old_partner_id"
        )
