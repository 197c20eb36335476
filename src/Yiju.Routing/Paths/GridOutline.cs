namespace Yiju.Routing.Paths;

/// <summary>
/// Traces the boundary of the filled cells of a raster into closed rings on the grid's corner
/// lattice. Each ring keeps the filled cells on its left, so shells run counter-clockwise and
/// holes clockwise. Cells that touch only at a corner would make rings touch themselves or each
/// other at a point, which is invalid for a polygon ring; they are first joined by filling one more
/// cell, which widens the area by one cell at most.
/// </summary>
internal static class GridOutline
{
    internal readonly record struct Ring(List<(int X, int Y)> Points, bool IsShell, double Area)
    {
        /// <summary>A point strictly inside the region to the right of the ring's first edge.</summary>
        public (double X, double Y) InsidePoint()
        {
            var (a, b) = (Points[0], Points[1]);
            var dx = Math.Sign(b.X - a.X);
            var dy = Math.Sign(b.Y - a.Y);
            // Off every lattice line, so the ray test below never meets a vertex.
            return (a.X + (dx * 0.5) + (dy * 0.25), a.Y + (dy * 0.5) - (dx * 0.25));
        }

        public bool Contains((double X, double Y) p)
        {
            var inside = false;
            for (int i = 0, j = Points.Count - 1; i < Points.Count; j = i++)
            {
                var (xi, yi) = Points[i];
                var (xj, yj) = Points[j];
                if ((yi > p.Y) != (yj > p.Y) && p.X < ((double)(xj - xi) * (p.Y - yi) / (yj - yi)) + xi)
                {
                    inside = !inside;
                }
            }

            return inside;
        }
    }

    public static List<Ring> Trace(bool[] filled, int columns, int rows)
    {
        JoinDiagonals(filled, columns, rows);
        bool Filled(int c, int r) => c >= 0 && r >= 0 && c < columns && r < rows && filled[(r * columns) + c];

        // Without diagonal contacts exactly one boundary edge leaves each boundary corner.
        var width = columns + 2;
        int Key(int x, int y) => (y * width) + x;
        var next = new Dictionary<int, int>();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                if (!filled[(r * columns) + c])
                {
                    continue;
                }

                if (!Filled(c, r - 1))
                {
                    next.Add(Key(c, r), Key(c + 1, r));
                }

                if (!Filled(c + 1, r))
                {
                    next.Add(Key(c + 1, r), Key(c + 1, r + 1));
                }

                if (!Filled(c, r + 1))
                {
                    next.Add(Key(c + 1, r + 1), Key(c, r + 1));
                }

                if (!Filled(c - 1, r))
                {
                    next.Add(Key(c, r + 1), Key(c, r));
                }
            }
        }

        var rings = new List<Ring>();
        var visited = new HashSet<int>();
        foreach (var start in next.Keys)
        {
            if (!visited.Add(start))
            {
                continue;
            }

            var points = new List<(int X, int Y)>();
            var area2 = 0L;
            var corner = start;
            do
            {
                visited.Add(corner);
                var to = next[corner];
                var (fx, fy) = (corner % width, corner / width);
                var (tx, ty) = (to % width, to / width);
                area2 += ((long)fx * ty) - ((long)tx * fy);
                AddCorner(points, fx, fy);
                corner = to;
            }
            while (corner != start);

            if (points.Count > 2 && IsCollinear(points[^1], points[0], points[1]))
            {
                points.RemoveAt(0);
            }

            if (points.Count > 2 && IsCollinear(points[^2], points[^1], points[0]))
            {
                points.RemoveAt(points.Count - 1);
            }

            points.Add(points[0]);
            rings.Add(new Ring(points, area2 > 0, Math.Abs(area2) / 2.0));
        }

        return rings;
    }

    private static void JoinDiagonals(bool[] filled, int columns, int rows)
    {
        bool changed;
        do
        {
            changed = false;
            for (var r = 0; r + 1 < rows; r++)
            {
                for (var c = 0; c + 1 < columns; c++)
                {
                    var a = filled[(r * columns) + c];
                    var b = filled[(r * columns) + c + 1];
                    var d = filled[((r + 1) * columns) + c];
                    var e = filled[((r + 1) * columns) + c + 1];
                    if (a && e && !b && !d)
                    {
                        filled[(r * columns) + c + 1] = true;
                        changed = true;
                    }
                    else if (b && d && !a && !e)
                    {
                        filled[(r * columns) + c] = true;
                        changed = true;
                    }
                }
            }
        }
        while (changed);
    }

    private static void AddCorner(List<(int X, int Y)> points, int x, int y)
    {
        // Drop the middle of straight runs: a 10 m raster would otherwise give a point every cell.
        if (points.Count >= 2 && IsCollinear(points[^2], points[^1], (x, y)))
        {
            points[^1] = (x, y);
        }
        else
        {
            points.Add((x, y));
        }
    }

    private static bool IsCollinear((int X, int Y) a, (int X, int Y) b, (int X, int Y) c) =>
        ((long)(b.X - a.X) * (c.Y - b.Y)) - ((long)(b.Y - a.Y) * (c.X - b.X)) == 0;
}
