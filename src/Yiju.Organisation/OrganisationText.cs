namespace Yiju.Organisation;

/// <summary>Marker for the organisation pages' strings: OrganisationText.resx is Simplified Chinese (the default), OrganisationText.en.resx English.</summary>
public sealed class OrganisationText;
