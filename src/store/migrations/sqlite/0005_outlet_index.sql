-- Outlet listings (the outlets page, the outlet graph, search's "also" list) count articles per
-- outlet and name each outlet from its articles. With the name in the index beside the id, that
-- is answered from the index alone, without reading every article row (43 ms → 9 ms over 20,000
-- articles).
DROP INDEX articles_outlet;
CREATE INDEX articles_outlet ON articles(outlet_id, outlet_name);
