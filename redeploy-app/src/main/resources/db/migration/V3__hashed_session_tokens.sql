-- Sessions are looked up by the SHA-256 of their token: a copy of the table (a backup, a dump, a
-- read-only SQL user) gives no usable session. Tokens are 256 random bits, so no salt is needed.
alter table sessions rename column token to token_hash;
update sessions set token_hash = encode(sha256(convert_to(token_hash, 'UTF8')), 'hex');
