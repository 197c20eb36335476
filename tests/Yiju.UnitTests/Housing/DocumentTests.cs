using Yiju.Housing.Domain.Applications;

namespace Yiju.UnitTests.Housing;

public sealed class DocumentTests
{
    private static readonly DateTime Now = new(2026, 5, 1, 8, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, "application/pdf")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00 }, "image/jpeg")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00 }, "image/png")]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00 }, null)]
    [InlineData(new byte[] { 0x25, 0x50, 0x44 }, null)]
    public void The_type_comes_from_the_content(byte[] content, string? expected) =>
        Assert.Equal(expected, ApplicationDocument.SniffContentType(content));

    [Fact]
    public void An_exe_named_pdf_is_refused_and_a_pdf_gets_its_hash()
    {
        var exe = ApplicationDocument.FromUpload(Guid.NewGuid(), "income", "证明.pdf", "MZ\0\0"u8, Guid.NewGuid(), Now);
        Assert.Equal("document_type_not_allowed", exe.Check()?.Code);

        var pdf = ApplicationDocument.FromUpload(Guid.NewGuid(), null, "../../etc/收入.pdf", "%PDF-1.4 x"u8, Guid.NewGuid(), Now);
        Assert.Null(pdf.Check());
        Assert.Equal("收入.pdf", pdf.FileName);
        Assert.Equal("other", pdf.Kind);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("%PDF-1.4 x"u8)), pdf.Sha256Hex);
    }

    [Fact]
    public void Over_ten_megabytes_is_refused()
    {
        var big = new byte[ApplicationDocument.MaxSizeBytes + 1];
        "%PDF-"u8.CopyTo(big);
        Assert.Equal("document_size_invalid", ApplicationDocument.FromUpload(Guid.NewGuid(), "x", "big.pdf", big, Guid.NewGuid(), Now).Check()?.Code);
    }
}
