-- Every ledger write moves its account's running balance (`fee_accounts.balance_fen`): a bill run
-- updates each account of a community, a payment its one account. With pages kept 30 % free the
-- new row version fits beside the old one, so the update is HOT (no new index entries in the
-- account's three indexes, nothing for autovacuum to clean in them). Pages written from now on
-- keep the space; `VACUUM FULL fee_accounts` applies it to the rows already there.
ALTER TABLE "fee_accounts" SET (fillfactor = 70);
