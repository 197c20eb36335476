using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Yiju.Housing.Data;
using Yiju.IntegrationTests.Infrastructure;
using Yiju.Kernel.Security;

namespace Yiju.IntegrationTests.Housing;

public abstract class HousingDocumentTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MultipartFormDataContent Form(byte[] content, string fileName, string contentType = "application/pdf")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "file", fileName }, { new StringContent("income_proof"), "kind" } };
    }

    private static byte[] Pdf(int size = 2048)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        "%PDF-1.7\n"u8.CopyTo(bytes);
        return bytes;
    }

    private async Task<(YijuApp App, Guid Id, string[] Streets)> NewApplication()
    {
        var app = fixture.Require();
        var streets = app.Db(db => db.Units.Where(u => u.Path.Contains("/230104/") && u.Code.Length == 9).OrderBy(u => u.Code).Select(u => u.Code).Take(2).ToList()).ToArray();
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/housing/applications",
            HousingApiTests.Application("230104", streets[0], HousingApiTests.Member("郑十", HousingApiTests.NewId())), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (app, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid(), streets);
    }

    private static int Stored(YijuApp app, Guid applicationId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IHousingDb>();
        var ids = db.HousingDocuments.Where(d => d.ApplicationId == applicationId).Select(d => d.Id).ToList();
        return ids.Count + db.HousingDocumentContents.Count(c => ids.Contains(c.DocumentId));
    }

    [Fact]
    public async Task Street_staff_upload_a_pdf_that_is_listed_with_its_hash_and_downloads_unchanged()
    {
        var (app, id, streets) = await NewApplication();
        var (street, _) = await app.ClientFor(Role.StreetStaff, streets[0]);
        var pdf = Pdf();
        var url = $"/api/v1/housing/applications/{id}/documents";

        var upload = await street.PostAsync(url, Form(pdf, "收入证明.pdf"), Ct);
        Assert.True(upload.StatusCode == HttpStatusCode.Created, await upload.Content.ReadAsStringAsync(Ct));

        var list = await street.GetFromJsonAsync<JsonElement>(url, Ct);
        var doc = Assert.Single(list.EnumerateArray());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), doc.GetProperty("sha256Hex").GetString());
        Assert.Equal("application/pdf", doc.GetProperty("contentType").GetString());
        Assert.Equal(pdf.Length, doc.GetProperty("sizeBytes").GetInt64());
        Assert.Equal("收入证明.pdf", doc.GetProperty("fileName").GetString());

        var (district, _) = await app.ClientFor(Role.DistrictStaff, "230104");
        var download = await district.GetAsync($"{url}/{doc.GetProperty("id").GetGuid()}", Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync(Ct));

        // The metadata row is audited; the bytes are not copied into the audit log.
        var docId = doc.GetProperty("id").GetGuid().ToString();
        var audited = app.Db(db => db.AuditEntries.Where(e => e.EntityType == "ApplicationDocument" || e.EntityType == "DocumentContent").Select(e => new { e.EntityType, e.EntityId }).ToList());
        Assert.Contains(audited, e => e.EntityType == "ApplicationDocument" && string.Equals(e.EntityId, docId, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(audited, e => e.EntityType == "DocumentContent");
    }

    [Fact]
    public async Task An_exe_renamed_pdf_and_an_11_MB_file_are_refused_and_nothing_is_stored()
    {
        var (app, id, streets) = await NewApplication();
        var (street, _) = await app.ClientFor(Role.StreetStaff, streets[0]);
        var url = $"/api/v1/housing/applications/{id}/documents";

        var exe = new byte[4096];
        "MZ"u8.CopyTo(exe);
        var renamed = await street.PostAsync(url, Form(exe, "证明.pdf"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, renamed.StatusCode);
        Assert.Contains("PDF", await renamed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var big = await street.PostAsync(url, Form(Pdf(11 * 1024 * 1024), "big.pdf"), Ct);
        Assert.True(big.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, big.StatusCode.ToString());
        if (big.StatusCode == HttpStatusCode.BadRequest)
            Assert.Contains("10MB", await big.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        Assert.Equal(0, Stored(app, id));
        Assert.Empty((await street.GetFromJsonAsync<JsonElement>(url, Ct)).EnumerateArray());
    }

    [Fact]
    public async Task Another_streets_staff_and_the_public_can_neither_upload_nor_download()
    {
        var (app, id, streets) = await NewApplication();
        var (street, _) = await app.ClientFor(Role.StreetStaff, streets[0]);
        var (otherStreet, _) = await app.ClientFor(Role.StreetStaff, streets[1]);
        var url = $"/api/v1/housing/applications/{id}/documents";
        var upload = await street.PostAsync(url, Form(Pdf(), "a.pdf"), Ct);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var docId = (await upload.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.Forbidden, (await otherStreet.PostAsync(url, Form(Pdf(), "b.pdf"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherStreet.GetAsync($"{url}/{docId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherStreet.GetAsync(url, Ct)).StatusCode);

        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"{url}/{docId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(url, Form(Pdf(), "c.pdf"), Ct)).StatusCode);
        Assert.Equal(2, Stored(app, id));
    }

    [Fact]
    public async Task The_public_form_takes_an_optional_pdf_and_refuses_an_exe_and_staff_download_it_from_the_review_page()
    {
        var app = fixture.Require();
        var streets = app.Db(db => db.Units.Where(u => u.Path.Contains("/230104/") && u.Code.Length == 9).OrderBy(u => u.Code).Select(u => u.Code).Take(2).ToList());
        var resident = app.CreateClient(new() { AllowAutoRedirect = false });

        async Task<HttpResponseMessage> Apply(byte[] file, string fileName)
        {
            var html = await (await resident.GetAsync("/housing/apply", Ct)).Content.ReadAsStringAsync(Ct);
            var token = WebUtility.HtmlDecode(Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
            var form = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new StringContent("PublicRental"), "Form.Scheme" },
                { new StringContent("230104"), "Form.DistrictCode" },
                { new StringContent(streets[0]), "Form.StreetCode" },
                { new StringContent("10"), "Form.CurrentHousingAreaM2" },
                { new StringContent("10000"), "Form.AssetsYuan" },
                { new StringContent("冯十一"), "Form.Members[0].Name" },
                { new StringContent(HousingApiTests.NewId()), "Form.Members[0].IdNumber" },
                { new StringContent("1500"), "Form.Members[0].MonthlyIncomeYuan" },
                { new StringContent("true"), "Form.Members[0].LocalHukou" },
                { new StringContent("24"), "Form.Members[0].SocialInsuranceMonths" },
            };
            var content = new ByteArrayContent(file);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(content, "Files", fileName);
            return await resident.PostAsync("/housing/apply", form, Ct);
        }

        var exe = new byte[1024];
        "MZ"u8.CopyTo(exe);
        var refused = await Apply(exe, "证明.pdf");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("PDF", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var pdf = Pdf();
        var accepted = await Apply(pdf, "户口本.pdf");
        var page = await accepted.Content.ReadAsStringAsync(Ct);
        Assert.True(accepted.StatusCode == HttpStatusCode.OK, page[..Math.Min(page.Length, 2000)]);
        var number = Regex.Match(page, "data-testid=\"application-number\">([^<]+)<").Groups[1].Value;
        var id = app.Db(db => db.HousingApplications.Single(a => a.Number == number).Id);

        var (street, _) = await app.ClientFor(Role.StreetStaff, streets[0]);
        var docs = await street.GetFromJsonAsync<JsonElement>($"/api/v1/housing/applications/{id}/documents", Ct);
        var doc = Assert.Single(docs.EnumerateArray());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), doc.GetProperty("sha256Hex").GetString());

        var review = await (await street.GetAsync($"/housing/review/{id}", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains(doc.GetProperty("sha256Hex").GetString()!, review, StringComparison.Ordinal);
        var download = await street.GetAsync($"/housing/review/{id}?handler=Document&documentId={doc.GetProperty("id").GetGuid()}", Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync(Ct));

        var (otherStreet, _) = await app.ClientFor(Role.StreetStaff, streets[1]);
        var forbidden = await otherStreet.GetAsync($"/housing/review/{id}?handler=Document&documentId={doc.GetProperty("id").GetGuid()}", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }
}

public sealed class HousingDocumentsOnSqlite(SqliteFixture fixture) : HousingDocumentTests(fixture), IClassFixture<SqliteFixture>;

public sealed class HousingDocumentsOnPostgres(PostgresFixture fixture) : HousingDocumentTests(fixture), IClassFixture<PostgresFixture>;
