-- When an edition's last message reached a final state, after which nobody needs to watch it.
-- Editions from before this column are looked at once by the progress job, which marks the finished ones.
ALTER TABLE edition ADD COLUMN completed_at TIMESTAMP WITH TIME ZONE;
