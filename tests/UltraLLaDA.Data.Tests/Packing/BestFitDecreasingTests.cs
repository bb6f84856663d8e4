using CsCheck;
using UltraLLaDA.Data.Packing.BestFit;

namespace UltraLLaDA.Data.Tests.Packing;

public class BestFitDecreasingTests
{
    private static readonly Gen<(int SeqLen, WindowPiece[] Pieces)> Window =
        from seqLen in Gen.Int[2, 40]
        from lengths in Gen.Int[1, seqLen - 1].Array[0, 60]
        select (seqLen, lengths.Select((n, i) => new WindowPiece(i * 3, 0, n, n, 0)).ToArray());

    /// <summary>The placement rule read literally: scan every open record, least room that fits, first one on ties.</summary>
    private static List<List<int>> Reference(WindowPiece[] pieces, int seqLen)
    {
        var order = Enumerable.Range(0, pieces.Length).OrderByDescending(i => pieces[i].Length).ThenBy(i => pieces[i].Doc).ToList();
        var records = new List<List<int>>();
        var room = new List<int>();
        foreach (var piece in order)
        {
            var best = -1;
            for (var r = 0; r < records.Count; r++)
            {
                if (room[r] >= pieces[piece].Length && (best < 0 || room[r] < room[best]))
                    best = r;
            }

            if (best < 0)
            {
                best = records.Count;
                records.Add([]);
                room.Add(seqLen);
            }

            records[best].Add(piece);
            room[best] -= pieces[piece].Length;
        }

        return records;
    }

    [Fact]
    public void Placement_is_the_literal_best_fit_decreasing_rule()
    {
        Window.Sample(w =>
        {
            var placed = BestFitDecreasing.Place(w.Pieces, w.SeqLen);
            var expected = Reference(w.Pieces, w.SeqLen);
            Assert.Equal(expected.Count, placed.Count);
            for (var r = 0; r < placed.Count; r++)
            {
                Assert.Equal(expected[r], placed[r].Pieces);
                Assert.Equal(expected[r].Sum(p => w.Pieces[p].Length), placed[r].Used);
                Assert.InRange(placed[r].Used, 1, w.SeqLen);
            }
        }, iter: 2000);
    }

    [Fact]
    public void At_most_one_record_is_half_empty_or_worse()
    {
        // Any-fit property: a second record at most half full would have fitted in the first.
        Window.Sample(w =>
        {
            var placed = BestFitDecreasing.Place(w.Pieces, w.SeqLen);
            Assert.True(placed.Count(r => 2 * r.Used <= w.SeqLen) <= 1);
        }, iter: 2000);
    }
}
