-- Whether the event's counts (nothing personal) may be shown on a public
-- screen in the hall: an organizer opts in per event.
ALTER TABLE events ADD COLUMN public_display INTEGER NOT NULL DEFAULT 0 CHECK (public_display IN (0, 1));
