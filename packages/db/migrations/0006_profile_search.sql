CREATE TABLE "profile_name_grams" (
	"gram" text NOT NULL,
	"name" text NOT NULL,
	"user_id" integer NOT NULL,
	CONSTRAINT "profile_name_grams_gram_name_user_id_pk" PRIMARY KEY("gram","name","user_id")
);
--> statement-breakpoint
DROP INDEX "users_profile_name_trgm_idx";--> statement-breakpoint
-- The distinct 4-character fragments of a (lowercased) name, as profile_name_grams lists them
-- and as the search takes them from its term. ROWS: names and terms are short; the default
-- guess of 1000 rows makes a search look costly enough to be JIT-compiled, which costs more
-- than the whole query.
CREATE FUNCTION profile_name_grams_of(name text) RETURNS SETOF text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE ROWS 16
  AS $$ SELECT DISTINCT substr(name, i, 4) FROM generate_series(1, length(name) - 3) AS i $$;--> statement-breakpoint
-- profile_name_grams follows users in the same transaction: findable people (neither blocked
-- nor removed) are listed under every fragment of their profile_name. Inserts are handled per
-- statement, so a bulk load adds all its fragments in one go.
CREATE FUNCTION profile_name_grams_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO profile_name_grams (gram, name, user_id)
  SELECT g, n.profile_name, n.id
  FROM inserted n, profile_name_grams_of(n.profile_name) AS g
  WHERE n.state IN ('new', 'activated');
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION profile_name_grams_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM profile_name_grams
  WHERE gram IN (SELECT profile_name_grams_of(OLD.profile_name))
    AND name = OLD.profile_name AND user_id = OLD.id;
  IF NEW.state IN ('new', 'activated') THEN
    INSERT INTO profile_name_grams (gram, name, user_id)
    SELECT g, NEW.profile_name, NEW.id FROM profile_name_grams_of(NEW.profile_name) AS g;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION profile_name_grams_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM profile_name_grams p
  USING deleted d, profile_name_grams_of(d.profile_name) AS g
  WHERE p.gram = g AND p.name = d.profile_name AND p.user_id = d.id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER profile_name_grams_insert AFTER INSERT ON users
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION profile_name_grams_insert();--> statement-breakpoint
-- Only when the name or findability changes: other updates of users (activity, karma) skip it.
CREATE TRIGGER profile_name_grams_update AFTER UPDATE OF display_name, first_name, last_name, state ON users
  FOR EACH ROW
  WHEN (OLD.profile_name IS DISTINCT FROM NEW.profile_name
    OR (OLD.state IN ('new', 'activated')) IS DISTINCT FROM (NEW.state IN ('new', 'activated')))
  EXECUTE FUNCTION profile_name_grams_update();--> statement-breakpoint
CREATE TRIGGER profile_name_grams_delete AFTER DELETE ON users
  REFERENCING OLD TABLE AS deleted
  FOR EACH STATEMENT EXECUTE FUNCTION profile_name_grams_delete();--> statement-breakpoint
INSERT INTO profile_name_grams (gram, name, user_id)
SELECT g, u.profile_name, u.id
FROM users u, profile_name_grams_of(u.profile_name) AS g
WHERE u.state IN ('new', 'activated');
